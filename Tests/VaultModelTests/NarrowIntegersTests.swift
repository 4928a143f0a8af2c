import Testing
import VaultColumnar
import VaultHashing
@testable import VaultModel

/// Money held in 32 bits while it fits, and given back exactly.
@Suite struct NarrowIntegersTests {
    static let money = ColumnType.decimal(precision: 10, scale: 2)

    /// A money column of `values` (nil: NULL; its storage keeps `nullValue`).
    static func money(_ values: [Int64?], nullValue: Int64 = 0) -> Column {
        var raw = AlignedBuffer()
        var validity = ValidityBitmap()
        for value in values {
            raw.append(value: value ?? nullValue)
            validity.append(value != nil)
        }
        return Column(builtType: money, validity: validity, values: raw)
    }

    @Test func narrowingAndWideningKeepEveryByteIncludingNullSlots() {
        let column = Self.money([12_345, nil, -2_147_483_648, 2_147_483_647, nil], nullValue: -7)
        #expect(NarrowIntegers.fits(column))
        let narrow = NarrowIntegers.narrowed(column)
        #expect(narrow.type == .int32 && narrow.values.count == 20)
        #expect(NarrowIntegers.widened(narrow, to: Self.money) == column)
        #expect(!NarrowIntegers.fits(Self.money([1, 2_147_483_648])))
        #expect(!NarrowIntegers.fits(Self.money([nil], nullValue: 1 << 40)))
    }

    /// Loads `costs` as one batch of versions of `sat_product_pricing` (one product per row).
    static func load(_ satellite: SatelliteStore, hub: KeyedStore, costs: [Int64?], batch: Int64) {
        let ids = costs.indices.map { Int(batch) * 1000 + $0 }
        var names = Column(.string)
        for id in ids { names.append(string: "P\(id)") }
        let (_, rows) = hub.load([KeyedSource(table: "products", keys: ParentRowTests.keys(ids), attributes: [names],
                                              rows: Array(0..<Int32(ids.count)), recordSource: "TEST", cleansBusinessKeys: true)],
                                 loadDate: batch, threads: 1)
        var currency = Column(.string, dictionaryEncoded: true)
        for _ in ids { currency.append(code: currency.intern("EUR")) }
        _ = satellite.load(parentRows: rows[0], rows: Array(0..<Int32(ids.count)), hashdiffs: ParentRowTests.keys(ids),
                           recordSource: "TEST", payload: [Self.money(costs), Self.money(costs.map { $0.map { $0 / 2 } }), currency],
                           loadDate: batch, threads: 1)
    }

    @Test func aSatelliteHoldsMoneyNarrowUntilAValueDoesNotFitThenWidensForGood() {
        let vault = Vault(strategy: HashStrategy(algorithm: .md5, keyFormat: .binary), threads: 1)
        let pricing = vault.satellite("sat_product_pricing"), hub = pricing.parent
        Self.load(pricing, hub: hub, costs: [100, nil, 2_000_000_000], batch: 1)
        #expect(pricing.rows.narrow == [false, false, true, true, false])
        let narrowBytes = pricing.rows.memoryFootprint
        // 2^40 cents does not fit in 32 bits: unit_cost widens, unit_price (half of it) does too.
        Self.load(pricing, hub: hub, costs: [1 << 40, 5], batch: 2)
        #expect(pricing.rows.narrow == [false, false, false, false, false])
        #expect(pricing.rows.memoryFootprint > narrowBytes)
        let costs = pricing.payload("unit_cost")
        #expect(costs.type == Self.money)
        #expect((0..<costs.count).map { costs.int64(at: $0) } == [nil, 100, nil, 2_000_000_000, 1 << 40, 5])
        #expect(pricing.table["unit_price"].int64(at: 4) == 1 << 39)
        // A restored table is held narrow again where it fits.
        let table = pricing.table
        Self.load(pricing, hub: hub, costs: [7], batch: 3)
        try? pricing.restore(table)
        #expect(pricing.table == table)
    }
}
