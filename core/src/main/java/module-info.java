/** picklewire-core: the pickle codec, Python value types, repr and disassembler. */
module dev.picklewire.core {
    exports dev.picklewire;
    exports dev.picklewire.types;
}
