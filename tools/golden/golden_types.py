"""Small, stable user types for the golden vectors.

The module name (golden_types) appears in the pickles, so it must not change. Every class here has a
deterministic __repr__ only where noted; the others keep object.__repr__ on purpose (the generator
normalizes the address) because that is what an unknown class looks like in Python.
"""
import collections
import enum


class Color(enum.Enum):
    RED = 1
    GREEN = 'green'


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 10


Point = collections.namedtuple('Point', ['x', 'y'])


class Plain:
    """Plain instance with __dict__ state."""

    def __init__(self, a=1, b='two'):
        self.a = a
        self.b = b


class Slotted:
    """Instance with __slots__ and no __dict__."""
    __slots__ = ('x', 'y')

    def __init__(self, x=1, y=2):
        self.x = x
        self.y = y


class WithState:
    """Instance whose state goes through __getstate__/__setstate__."""

    def __init__(self, value=3):
        self.value = value

    def __getstate__(self):
        return ('v1', self.value)

    def __setstate__(self, state):
        self.value = state[1]


class MyList(list):
    """list subclass with an attribute."""


class MyDict(dict):
    """dict subclass."""


class KwNew:
    """Constructed through __new__ with keyword arguments (NEWOBJ_EX at protocol 4+)."""

    def __new__(cls, a, *, b=0):
        self = super().__new__(cls)
        self.a = a
        self.b = b
        return self

    def __getnewargs_ex__(self):
        return (self.a,), {'b': self.b}


class Reduced:
    """Instance that pickles through a plain __reduce__ (REDUCE of the class with args)."""

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __reduce__(self):
        return (Reduced, (self.x, self.y))


def helper(x):
    """A module-level function, pickled by name."""
    return x
