import Testing
import VaultGenerator

@Suite struct BusinessKeyStreamTests {
    @Test func keysAreSpelledAsTheGeneratorSpellsThem() {
        #expect(BusinessKeyKind.customer.text(123) == "C0000123")
        #expect(BusinessKeyKind.transaction.text(1) == "T00000000001")
        #expect(BusinessKeyKind.promotion.text(12) == "PROMO012")
        let batch = RetailGenerator(options: GeneratorOptions(scale: 0.1, days: 1, dirt: .none)).batch(0, threads: 1)
        #expect(batch["customers"]["customer_id"].string(at: 0) == BusinessKeyKind.customer.text(1))
        #expect(batch["products"]["product_id"].string(at: 0) == BusinessKeyKind.product.text(1))
    }

    @Test func theKindIsInferredFromTheSpelling() {
        #expect(BusinessKeyKind(inferringFrom: " c0000123 ") == .customer)
        #expect(BusinessKeyKind(inferringFrom: "PROMO003") == .promotion)
        #expect(BusinessKeyKind(inferringFrom: "P000001") == .product)
        #expect(BusinessKeyKind(inferringFrom: "T00000000009") == .transaction)
        #expect(BusinessKeyKind(inferringFrom: "X001") == nil)
        #expect(BusinessKeyKind(inferringFrom: "C") == nil)
        #expect(BusinessKeyKind(inferringFrom: "C12A") == nil)
    }

    @Test func aStreamHoldsDistinctKeysInASeededOrder() {
        let stream = BusinessKeyStream(kind: .store, seed: 5)
        #expect(stream.capacity == 9_999)
        let column = stream.keys(0..<stream.capacity)
        let keys = (0..<column.count).map { column.string(at: $0)! }
        #expect(Set(keys).count == stream.capacity)  // a bijection: every store number exactly once
        #expect(keys.allSatisfy { $0.count == 5 && $0.hasPrefix("S") && $0 != "S0000" })
        #expect(BusinessKeyStream(kind: .store, seed: 5).keys(10..<20) == stream.keys(10..<20))
        #expect(BusinessKeyStream(kind: .store, seed: 6).keys(0..<10) != stream.keys(0..<10))
        let products = BusinessKeyStream(kind: .product, seed: 5).keys(0..<100_000)
        #expect(Set((0..<products.count).map { products.string(at: $0)! }).count == 100_000)
    }

    @Test func wideStreamsComputeWithoutOverflow() {
        let stream = BusinessKeyStream(kind: .transaction, seed: .max)
        let numbers = [0, 1, stream.capacity - 1].map(stream.number(at:))
        #expect(numbers.allSatisfy { (1...stream.capacity).contains($0) })
        #expect(Set(numbers).count == 3)
    }
}
