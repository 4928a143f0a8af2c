import Testing
import VaultInspect

@Suite struct NumberTextTests {
    @Test(arguments: [(1.4693679370584914e-21, "1.47e-21"), (5.056937e9, "5.06e9"), (1e6, "1e6"), (0.0267, "0.0267"),
                      (93.2, "93.2"), (751, "751"), (11644, "11644"), (11_641.5, "1.16e4"), (999.7, "1e3"),
                      (-2.5e-7, "-2.5e-7"), (0, "0"), (4.01e38, "4.01e38")])
    func numbersAreShortAndExact(value: Double, text: String) {
        #expect(NumberText.significant(value) == text)
    }
}
