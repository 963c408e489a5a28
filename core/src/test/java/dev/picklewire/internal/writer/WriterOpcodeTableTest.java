package dev.picklewire.internal.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.internal.Opcode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The writer's opcode constants agree with the one opcode table, byte and name. */
class WriterOpcodeTableTest {
    @Test
    void everyOpcodeConstantMatchesTheTable() throws IllegalAccessException {
        int checked = 0;
        for (Field f : PickleWriter.class.getDeclaredFields()) {
            if (f.getType() != int.class || !Modifier.isStatic(f.getModifiers()) || f.getName().equals("BATCHSIZE")) {
                continue;
            }
            f.setAccessible(true);
            int code = f.getInt(null);
            Opcode op = Opcode.of(code);
            assertThat(op).as("opcode byte of %s", f.getName()).isNotNull();
            assertThat(op.pythonName()).as("table name for byte %d", code).isEqualTo(f.getName());
            checked++;
        }
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void theWriterCanWriteEveryOpcodeCPythonWrites() {
        // CPython 3 never writes INST, OBJ, the Python 2 STRINGs or DUP; FRAME is OutputBuffer's; TUPLE2 and
        // TUPLE3 are written as TUPLE1 + n - 1
        long writable = Arrays.stream(Opcode.values()).filter(op -> !Arrays.asList("INST", "OBJ", "STRING",
                "BINSTRING", "SHORT_BINSTRING", "DUP", "FRAME", "TUPLE2", "TUPLE3")
                .contains(op.pythonName())).filter(op -> {
                    try {
                        PickleWriter.class.getDeclaredField(op.pythonName());
                        return false;
                    } catch (NoSuchFieldException e) {
                        return true;
                    }
                }).count();
        assertThat(writable).as("opcodes CPython writes that the writer has no constant for").isZero();
    }
}
