// Walkthrough+AsOf.swift: step 7, an as-of query answered through the point-in-time tables.

import VaultColumnar
import VaultInspect
import VaultModel
import VaultQuery

extension Walkthrough {
    /// The columns compared between the two as-of answers.
    static let comparedColumns = ["customer_segment", "product_name", "historical_price"]

    /// Step 7: `sales-as-of` on the snapshot dates of step 6, and what changed between them.
    func asOfStep() throws -> WalkthroughSection {
        let (pit, hub, _) = try pointInTimeParts()
        let days = shownSnapshots(pit, hub: hub).dateIndexes.map { pit.dates[$0] }
        var blocks: [WalkthroughBlock] = [
            .paragraph(
                "`vaultsim query sales-as-of --as-of D` asks which sales had happened by D and what was known on D: "
                    + "the "
                    + "sales lines with `transaction_date` on or before D, with the customer segment, product name and "
                    + "price "
                    + "in force on D, read through `pit_customer` and `pit_product` (a join on each satellite's key "
                    + "and load "
                    + "date, never a search for the latest version).")
        ]
        var answers = [(Int32, Table)]()
        for day in days {
            let answer = try VaultQueries.run(.salesAsOf, on: vault, options: QueryOptions(asOf: day, limit: 0))
            answers.append((day, answer))
            blocks.append(
                .grid(
                    "sales-as-of \(CellText.day(day)) (\(CellText.count(answer.count, "line")))",
                    try TableView(answer).grid(rows: Array(0..<answer.count))))
        }
        if answers.count == 2 {
            let notes = differences(answers[0], answers[1], pit: pit, hub: hub)
            if !notes.isEmpty {
                blocks.append(.paragraph("The same lines, read on the two dates:"))
                blocks.append(.list(notes))
            }
        }
        return WalkthroughSection(id: "as-of", level: .step, title: "Step 7: an as-of query", blocks: blocks)
    }

    /// For each line in both answers, the compared columns whose values differ.
    func differences(_ a: (Int32, Table), _ b: (Int32, Table), pit: PointInTimeTable, hub: KeyedStore) -> [String] {
        let (dayA, first) = a, (dayB, second) = b
        func line(_ t: Table, _ row: Int) -> String {
            "\(t["transaction_id"].string(at: row) ?? "NULL") line \(t["line_item_number"].text(at: row) ?? "NULL")"
        }
        var rowsOfB = [String: Int]()
        for row in 0..<second.count { rowsOfB[line(second, row)] = row }
        var notes = [String]()
        for row in 0..<first.count {
            let name = line(first, row)
            guard let other = rowsOfB[name] else { continue }
            for column in Self.comparedColumns {
                let was = first[column].text(at: row), now = second[column].text(at: other)
                guard was != now else { continue }
                var note =
                    "`\(name)`, `\(column)`: \(was ?? "NULL") on \(CellText.day(dayA)), \(now ?? "NULL") on "
                        + "\(CellText.day(dayB))"
                if was == nil, column == "customer_segment", let customer = first["customer_id"].string(at: row),
                    let hubRow = vault.hubRow(businessKey: customer, hub: hub.name), let d = pit.dateIndex(of: dayA),
                    pit.reference(
                        date: d, satellite: pit.definition.satellites.firstIndex(of: "sat_customer_details") ?? 0,
                        hubRow: hubRow) == 0
                {
                    note += " (on \(CellText.day(dayA)) the PIT pointed `\(customer)` at the ghost record)"
                }
                notes.append(note + ".")
            }
        }
        return notes
    }
}
