package dev.picklewire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.internal.reader.ReaderPool;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class UnpicklerBuilderTest {
    @Test
    void toBuilderKeepsEverySetting() throws Exception {
        Function<Object, Object> persistent = id -> id;
        Unpickler configured = Unpickler.builder().strict(true).allowGlobal("m", "n").encoding("latin1")
                .fixImports(false).persistentLoad(persistent)
                .limits(Limits.builder().maxDepth(7).maxMemo(9).build()).build();
        Unpickler copy = configured.toBuilder().build();
        // Every instance field, by reflection, so a setting added to Unpickler later cannot be silently dropped.
        int compared = 0;
        for (Field f : Unpickler.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getType() == ReaderPool.class) {
                continue; // the kept reader is state, not a setting
            }
            f.setAccessible(true);
            assertThat(f.get(copy)).as(f.getName()).isEqualTo(f.get(configured));
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(7);
    }

    @Test
    void toBuilderChangesOnlyWhatItIsTold() {
        Unpickler strict = Unpickler.builder().strict(true).allowGlobal("m", "n").build();
        Unpickler relaxed = strict.toBuilder().strict(false).build();
        assertThat(relaxed.strict()).isFalse();
        assertThat(relaxed.allowedGlobals()).isEqualTo(strict.allowedGlobals());
        assertThat(strict.strict()).isTrue();
    }
}
