// ModelDiagnosticsTests.swift: each class of mistake gives one clear sentence at its file, line and field.

import Testing
import VaultModelFile

@Suite struct ModelDiagnosticsTests {
    typealias F = ModelFixtures

    @Test func bundledModelsReadWithoutMistakes() {
        for bundled in BundledModel.allCases {
            #expect(F.diagnostics(bundled.text, file: bundled.fileName).isEmpty)
        }
    }

    @Test func yamlSyntaxErrorIsOneDiagnosticWithItsLine() throws {
        let text = F.retail(replacing: "  hub_store:\n    src_pk: hub_store_hk", with: "  hub_store:\n    src_pk: [hub_store_hk")
        let diagnostics = F.diagnostics(text)
        #expect(diagnostics.count == 1)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.kind == .syntax)
        #expect(diagnostic.line >= F.line(of: "src_pk: [hub_store_hk", in: text))
        #expect(diagnostic.description.hasPrefix("retail.yaml:\(diagnostic.line): YAML syntax error at column "))
    }

    @Test func emptyFileSaysItDeclaresNothing() {
        #expect(F.lines("# nothing here\n") == ["retail.yaml: the file declares nothing (a model starts with 'vaultsim_model: 1')"])
    }

    @Test func unknownKeyIsNamedWithTheKeysAllowedThere() {
        let text = F.retail(replacing: "    src_pk: link_sales_hk", with: "    srk_pk: link_sales_hk")
        let line = F.line(of: "srk_pk", in: text)
        let linkLine = F.line(of: "  link_sales:", in: text)
        #expect(F.lines(text) == [
            "retail.yaml:\(linkLine): links.link_sales: missing required field 'src_pk'",
            "retail.yaml:\(line): links.link_sales.srk_pk: unknown key 'srk_pk' (allowed here: description, src_pk, src_fk, sources)",
        ])
    }

    @Test func missingRequiredFieldIsReportedAtItsTable() {
        let text = F.retail(replacing: "    parent: hub_store\n", with: "")
        let line = F.line(of: "  sat_store_details:", in: text)
        #expect(F.lines(text) == ["retail.yaml:\(line): satellites.sat_store_details: missing required field 'parent'"])
    }

    @Test func unknownHubInALinkListsTheHubs() {
        let text = F.retail(replacing: "    src_fk: [hub_customer, hub_product, hub_store, hub_transaction, hub_promotion]",
                            with: "    src_fk: [hub_custmer, hub_product, hub_store, hub_transaction, hub_promotion]")
        let line = F.line(of: "hub_custmer", in: text)
        let columnsLine = F.line(of: "          hub_customer: customer_id", in: text)
        #expect(F.lines(text) == [
            "retail.yaml:\(line): links.link_sales.src_fk[0]: unknown hub 'hub_custmer' "
                + "(hubs: hub_customer, hub_product, hub_store, hub_transaction, hub_promotion)",
            "retail.yaml:\(columnsLine): links.link_sales.sources[0].columns.hub_customer: 'hub_customer' is not in the link's src_fk "
                + "(hub_custmer, hub_product, hub_store, hub_transaction, hub_promotion)",
        ])
    }

    @Test func unknownLinkOfABridgeListsTheLinks() {
        let text = F.retail(replacing: "    link: link_sales\n", with: "    link: link_sale\n")
        let line = F.line(of: "link: link_sale", in: text)
        #expect(F.lines(text) == [
            "retail.yaml:\(line): bridges.bridge_customer_product.link: unknown link 'link_sale' (links: link_sales, link_product_promotion)"
        ])
    }

    @Test func unknownSatelliteOfAPointInTimeTableListsTheHubsSatellites() {
        let text = F.retail(replacing: "satellites: [sat_customer_details, sat_customer_contact]",
                            with: "satellites: [sat_customer_details, sat_customer_contacts]")
        let line = F.line(of: "sat_customer_contacts", in: text)
        #expect(F.lines(text) == [
            "retail.yaml:\(line): pits.pit_customer.satellites[1]: unknown satellite 'sat_customer_contacts' "
                + "(satellites of hub_customer: sat_customer_details, sat_customer_contact)"
        ])
    }

    @Test func unknownSourceOfAHubListsTheSources() {
        let text = F.retail(replacing: "    sources: [stores, transactions]", with: "    sources: [store, transactions]")
        let line = F.line(of: "[store, transactions]", in: text)
        let satellite = F.line(of: "    source: stores", in: text)
        #expect(F.lines(text) == [
            "retail.yaml:\(line): hubs.hub_store.sources[0]: unknown source 'store' "
                + "(sources: customers, customer_phones, products, stores, promotions, product_promotions, transactions)",
            "retail.yaml:\(satellite): satellites.sat_store_details.source: source 'stores' is not a source of hub_store "
                + "(its sources: store, transactions); a satellite finds its parent's keys in its own source",
        ])
    }

    @Test func unknownParentOfASatelliteListsHubsAndLinks() {
        let text = F.retail(replacing: "    parent: hub_store\n", with: "    parent: hub_stores\n")
        let line = F.line(of: "parent: hub_stores", in: text)
        #expect(F.lines(text) == [
            "retail.yaml:\(line): satellites.sat_store_details.parent: unknown parent 'hub_stores' (hubs and links: hub_customer, "
                + "hub_product, hub_store, hub_transaction, hub_promotion, link_sales, link_product_promotion)"
        ])
    }

    @Test func payloadColumnMissingFromItsSourceListsTheColumns() {
        let text = F.retail(replacing: "src_payload: [email, phone,", with: "src_payload: [emial, phone,")
        let line = F.line(of: "[emial, phone", in: text)
        #expect(F.lines(text) == [
            "retail.yaml:\(line): satellites.sat_customer_contact.src_payload[0]: payload column 'emial' is neither a column of source "
                + "customers (columns: customer_id, first_name, last_name, birth_date, gender, customer_segment, registration_date, "
                + "email, phone, address, city, state, country, postal_code) nor a derived column"
        ])
    }

    @Test func businessKeyColumnMissingFromASourceIsReportedPerSource() {
        let text = F.retail(replacing: "    src_nk: store_id", with: "    src_nk: stor_id")
        let line = F.line(of: "src_nk: stor_id", in: text)
        let diagnostics = F.diagnostics(text)
        #expect(diagnostics.map(\.kind) == [.missingColumn, .missingColumn])
        #expect(diagnostics.allSatisfy { $0.line == line && $0.field == "hubs.hub_store.src_nk[0]" })
        #expect(diagnostics.map(\.message).map { $0.prefix(62) } == [
            "business-key column 'stor_id' is not a column of source stores",
            "business-key column 'stor_id' is not a column of source transa",
        ])
    }

    @Test func filterColumnMissingFromItsSource() {
        let text = F.retail(replacing: "{column: promotion_id, not_equal: PROMO000}", with: "{column: promo_id, not_equal: PROMO000}")
        let diagnostics = F.diagnostics(text)
        #expect(diagnostics.map(\.kind) == [.missingColumn])
        #expect(diagnostics.first?.field == "links.link_product_promotion.sources[1].where.column")
        #expect(diagnostics.first?.line == F.line(of: "promo_id", in: text))
    }

    @Test func arithmeticOnAStringColumnIsATypeMismatch() {
        let text = F.retail(replacing: "expression: unit_price * quantity - discount_amount + tax_amount",
                            with: "expression: unit_price * payment_method - discount_amount + tax_amount")
        let line = F.line(of: "payment_method - discount_amount", in: text)
        #expect(F.lines(text) == [
            "retail.yaml:\(line): satellites.sat_sales_metrics.derived_columns.total_amount.expression: 'payment_method' is a string "
                + "column: '*' takes numbers (int32, int64, decimal, double)"
        ])
    }

    @Test func lookupOfAColumnTheSatelliteDoesNotStoreIsATypeMismatch() {
        let text = F.retail(replacing: "lookup(sat_product_pricing.unit_cost, product_id)", with: "lookup(sat_product_details.unit_cost, product_id)")
        let line = F.line(of: "lookup(sat_product_details", in: text)
        #expect(F.lines(text) == [
            "retail.yaml:\(line): satellites.sat_sales_metrics.derived_columns.cost.expression: sat_product_details has no column "
                + "'unit_cost' to look up (its columns: product_name, category, subcategory, brand, supplier)"
        ])
    }

    @Test func declaredTypeThatTheExpressionDoesNotFitIsATypeMismatch() {
        let text = F.retail(replacing: "      total_amount:\n        type: decimal(10,2)", with: "      total_amount:\n        type: decimal(10,4)")
        let line = F.line(of: "type: decimal(10,4)", in: text)
        let profit = F.line(of: "expression: total_amount - cost", in: text)
        #expect(F.lines(text) == [
            "retail.yaml:\(line): satellites.sat_sales_metrics.derived_columns.total_amount.type: the expression gives a decimal of "
                + "scale 2, which does not fit the declared type decimal(10,4)",
            // profit reads total_amount with its declared type.
            "retail.yaml:\(profit): satellites.sat_sales_metrics.derived_columns.profit.expression: 'total_amount - cost' subtracts "
                + "decimals of scales 4 and 2; the scales must match",
        ])
    }

    @Test func nonDateEffectivityDatesAndNonStringKeysAreTypeMismatches() {
        let dates = F.retail(replacing: "    src_end_date: end_date", with: "    src_end_date: promotion_id")
        #expect(F.diagnostics(dates).map(\.kind) == [.typeMismatch])
        #expect(F.diagnostics(dates).first?.message == "src_end_date 'promotion_id' is string; an effectivity satellite's dates are dates")
        let key = F.retail(replacing: "    src_nk: transaction_id", with: "    src_nk: line_item_number")
        #expect(F.diagnostics(key).first?.message
                == "business-key column 'line_item_number' of transactions is int32; business keys are strings")
    }

    @Test func derivedColumnsDependingOnEachOtherAreACycle() {
        let text = F.retail(replacing: "expression: unit_price * quantity - discount_amount + tax_amount", with: "expression: profit + tax_amount")
        let line = F.line(of: "expression: profit + tax_amount", in: text)
        #expect(F.lines(text) == [
            "retail.yaml:\(line): satellites.sat_sales_metrics.derived_columns.total_amount.expression: derived columns depend on each "
                + "other: total_amount -> profit -> total_amount"
        ])
    }

    @Test func satellitesLookingEachOtherUpAreACycle() {
        var text = F.retail(
            replacing: "    src_payload: [product_name, category, subcategory, brand, supplier]",
            with: """
                    src_payload: [product_name, category, subcategory, brand, supplier, list_price]
                    derived_columns:
                      list_price: {type: "decimal(10,2)", expression: "lookup(sat_product_pricing.unit_price, product_id)"}
                """)
        text = text.replacingOccurrences(
            of: "    src_payload: [unit_cost, unit_price, currency]",
            with: """
                    src_payload: [unit_cost, unit_price, currency, label]
                    derived_columns:
                      label: {type: string, expression: "lookup(sat_product_details.product_name, product_id)"}
                """)
        let line = F.line(of: "list_price: {type", in: text)
        #expect(F.lines(text) == [
            "retail.yaml:\(line): satellites.sat_product_details.derived_columns.list_price.expression: satellites look each other up: "
                + "sat_product_details -> sat_product_pricing -> sat_product_details; a lookup reads a satellite that loads before"
        ])
    }

    @Test func tableNameDeclaredInTwoSectionsIsADuplicate() {
        let text = F.retail(replacing: "  pit_product:", with: "  sat_product_pricing:")
        let line = F.line(of: "  sat_product_pricing:", in: text, after: F.line(of: "pits:", in: text))
        let first = F.line(of: "  sat_product_pricing:", in: text)
        #expect(F.lines(text) == [
            "retail.yaml:\(line): pits.sat_product_pricing: table 'sat_product_pricing' is already declared in satellites at line "
                + "\(first); table names are unique across the model"
        ])
    }

    @Test func tableNameRepeatedInOneSectionIsADuplicate() {
        let text = F.retail(replacing: "  hub_store:\n", with: "  hub_product:\n")
        let first = F.line(of: "  hub_product:", in: text)
        let second = F.line(of: "  hub_product:", in: text, after: first)
        let diagnostics = F.diagnostics(text)
        #expect(diagnostics.map(\.kind) == [.duplicateName])
        #expect(diagnostics.map(\.description) == [
            "retail.yaml:\(second): 'hub_product' is declared twice in the same mapping (first at line \(first))"
        ])
    }

    @Test func unknownFormatVersionTypeAndPlaceholderAreInvalidValues() {
        let version = F.retail(replacing: "vaultsim_model: 1", with: "vaultsim_model: 2")
        #expect(F.lines(version) == [
            "retail.yaml:\(F.line(of: "vaultsim_model", in: version)): vaultsim_model: unsupported format version '2' (this vaultsim reads version 1)"
        ])
        let type = F.retail(replacing: "      birth_date: date", with: "      birth_date: datetime")
        #expect(F.diagnostics(type).map(\.kind) == [.invalidValue])
        #expect(F.diagnostics(type).first?.field == "sources.customers.columns.birth_date")
        let rule = F.retail(replacing: "\"RETAIL.{TABLE}\"", with: "\"RETAIL.{SOURCE}\"")
        #expect(F.diagnostics(rule).first?.message == "unknown placeholder '{SOURCE}' (placeholders: {table}, {TABLE})")
    }

    @Test func expressionSyntaxErrorNamesTheCharacter() {
        let text = F.retail(replacing: "expression: total_amount - cost", with: "expression: total_amount - / cost")
        #expect(F.diagnostics(text).map(\.message) == [
            "cannot read 'total_amount - / cost': unexpected character '/' (division is not part of the language) at character 16"
        ])
    }

    @Test func satelliteSourceMustBeASourceOfItsParent() {
        let text = F.retail(replacing: "    parent: hub_store\n    source: stores", with: "    parent: hub_store\n    source: customers")
        let diagnostics = F.diagnostics(text)
        #expect(diagnostics.first?.message.hasPrefix("source 'customers' is not a source of hub_store (its sources: stores, transactions)") == true)
    }

    @Test func lookupKeyMustBeTheHubsBusinessKeyInTheSource() {
        let text = F.retail(replacing: "lookup(sat_product_pricing.unit_cost, product_id)", with: "lookup(sat_product_pricing.unit_cost, store_id)")
        #expect(F.diagnostics(text).map(\.message) == [
            "lookup key 'store_id' is not hub_product's business key in transactions (product_id)"
        ])
    }

    @Test func pointInTimeSatelliteMustDescribeItsHubAndBridgeHubsMustBeInItsLink() {
        let pit = F.retail(replacing: "satellites: [sat_product_details, sat_product_pricing]", with: "satellites: [sat_product_details, sat_store_details]")
        #expect(F.diagnostics(pit).map(\.message) == ["sat_store_details describes hub_store, not hub_product"])
        let bridge = F.retail(replacing: "    to_hub: hub_product", with: "    to_hub: hub_customer")
        #expect(F.diagnostics(bridge).map(\.message) == ["from_hub and to_hub are the same hub"])
    }

    @Test func mistakesAreAllReportedInLineOrder() {
        var text = F.retail(replacing: "    src_nk: store_id", with: "    src_nk: stor_id")
        text = text.replacingOccurrences(of: "    link: link_sales\n", with: "    link: link_sale\n")
        text = text.replacingOccurrences(of: "      gender: string\n", with: "      gender: strin\n")
        let diagnostics = F.diagnostics(text)
        #expect(diagnostics.count == 4)
        #expect(diagnostics.map(\.line) == diagnostics.map(\.line).sorted())
    }
}
