package io.rehearsal.ui.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"})
    void aTextASpreadsheetWouldTakeForAFormulaIsPrefixedWithAnApostrophe(String text) {
        assertThat(Csv.cell(text)).isEqualTo("\"'" + text + "\"");
    }

    @Test
    void quotesAreDoubledAndOrdinaryTextIsOnlyQuoted() {
        assertThat(Csv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.cell("operator")).isEqualTo("\"operator\"");
        assertThat(Csv.cell(null)).isEqualTo("\"\"");
    }
}
