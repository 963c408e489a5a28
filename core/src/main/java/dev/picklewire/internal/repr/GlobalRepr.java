package dev.picklewire.internal.repr;

import dev.picklewire.types.PyGlobal;
import java.util.Set;

/**
 * How picklewire prints a {@link PyGlobal}, which is only a name: a builtin class as CPython does
 * ({@code <class 'int'>}), a builtin function as CPython does ({@code <built-in function len>}), and any
 * other global as a class, {@code <class 'module.qualname'>}, because a pickle does not say whether a
 * name is a class or a function (CPython prints a function as {@code <function f at 0x...>}).
 */
final class GlobalRepr {
    // The classes and functions in Python 3.11's builtins module (names from vars(builtins)).
    private static final Set<String> BUILTIN_CLASSES = Set.of(("ArithmeticError AssertionError AttributeError"
            + " BaseException BaseExceptionGroup BlockingIOError BrokenPipeError BufferError BytesWarning"
            + " ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError"
            + " ConnectionResetError DeprecationWarning EOFError EncodingWarning Exception ExceptionGroup"
            + " FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit ImportError"
            + " ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError"
            + " KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError NotADirectoryError"
            + " NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError"
            + " ProcessLookupError RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning"
            + " StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError"
            + " TimeoutError TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError"
            + " UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning ZeroDivisionError bool"
            + " bytearray bytes classmethod complex dict enumerate filter float frozenset int list map"
            + " memoryview object property range reversed set slice staticmethod str super tuple type zip")
            .split(" "));
    private static final Set<String> BUILTIN_FUNCTIONS = Set.of(("abs aiter all anext any ascii bin"
            + " breakpoint callable chr compile delattr dir divmod eval exec format getattr globals hasattr"
            + " hash hex id input isinstance issubclass iter len locals max min next oct open ord pow print"
            + " repr round setattr sorted sum vars").split(" "));

    private GlobalRepr() {
    }

    static String of(PyGlobal g) {
        if (g.module().equals("builtins") || g.module().equals("__builtin__")) {
            String name = g.name().equals("IOError") || g.name().equals("EnvironmentError") ? "OSError" : g.name();
            if (BUILTIN_CLASSES.contains(name)) {
                return "<class '" + name + "'>";
            }
            if (BUILTIN_FUNCTIONS.contains(name)) {
                return "<built-in function " + name + ">";
            }
        }
        return "<class '" + g.qualifiedName() + "'>";
    }
}
