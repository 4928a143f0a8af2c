// BatchContext+Customers.swift: rows of `customers` and `customer_phones`.

import VaultColumnar

extension BatchContext {
    /// Today's `customers` rows and, for each, its full group of 1-3 phones (`customer_phones`).
    func customerTables(threads: Int) -> (Table, Table) {
        let plan = state.customerPlan
        let tables = emitTables(count: plan.count, threads: threads, tables: 2) { range in
            var customers = templates[0], phones = templates[1]
            customers.withColumns { c in
                for i in c.indices { c[i].reserve(rows: range.count, stringBytes: c[i].type == .string ? range.count * 24 : 0) }
                phones.withColumns { ph in
                    for i in ph.indices { ph[i].reserve(rows: range.count * 2, stringBytes: range.count * 2 * 16) }
                    for i in range { customerRow(Int(plan[i]), &c, &ph) }
                }
            }
            return [customers, phones]
        }
        return (tables[0], tables[1])
    }

    private func customerRow(_ id: Int, _ c: inout [Column], _ ph: inout [Column]) {
        let noise = keyNoise(id, table: 0)
        c[0].appendText(24) { $0.key(.customer, id + 1, noise: noise) }

        // Details (fixed for life): names, birth date, gender, registration date.
        var d = DrawStream(seed, .customerDetails, id, 0)
        let gender = Catalog.weighted(&d, Vocabulary.genderWeights)
        // First names alternate male (even index) and female (odd index); gender X takes any.
        let nameIndex = gender == 2 ? d.below(Vocabulary.firstNames.count) : 2 * d.below(Vocabulary.firstNames.count / 2) + gender
        let first = Vocabulary.firstNames[nameIndex]
        let last = Vocabulary.lastNames[d.below(Vocabulary.lastNames.count)]
        let birth = baseDay - 18 * 365 - d.below(67 * 365)
        let registration = id < state.plan.customers0 ? baseDay - d.inRange(0...3650)
                                                      : baseDay + creationDay(ofCustomer: id)
        let nullsD = d.next()
        c[1].appendText(first.utf8CodeUnitCount, null: isNull(nullsD, 0)) { $0.word(first) }
        c[2].appendText(last.utf8CodeUnitCount, null: isNull(nullsD, 1)) { $0.word(last) }
        c[3].append(date: birth, null: isNull(nullsD, 2))
        c[4].append(code: gender, null: isNull(nullsD, 3))

        var g = DrawStream(seed, .customerSegment, id, Int(state.customerSegmentVersion[id]))
        let segment = Catalog.weighted(&g, Vocabulary.segmentWeights)
        c[5].append(code: segment, null: isNull(g.next(), 0))
        c[6].append(date: registration)

        // Contact: email and the phone group.
        var t = DrawStream(seed, .customerContact, id, Int(state.customerContactVersion[id]))
        let domain = Vocabulary.emailDomains[t.below(Vocabulary.emailDomains.count)]
        let emailNumber = t.below(1000)
        let nullsC = t.next()
        c[7].appendText(64, null: isNull(nullsC, 0)) { w in
            w.lowercasedAlphanumerics(first)
            w.byte(UInt8(ascii: "."))
            w.lowercasedAlphanumerics(last)
            w.number(emailNumber)
            w.byte(UInt8(ascii: "@"))
            w.word(domain)
        }
        let phoneCount = 1 + Catalog.weighted(&t, [50, 35, 15])
        let rotation = t.below(3)
        let phoneNoise = keyNoise(id, table: 1)
        for k in 0..<phoneCount {
            let area = Vocabulary.cities[t.below(Vocabulary.cities.count)].area
            let exchange = t.inRange(200...999), line = t.below(10_000)
            if k == 0 {
                c[8].appendText(16, null: isNull(nullsC, 1)) { $0.phone(area, exchange, line) }
            }
            ph[0].appendText(24) { $0.key(.customer, id + 1, noise: phoneNoise) }
            ph[1].append(code: Int32((rotation + k) % 3))
            ph[2].appendText(16) { $0.phone(area, exchange, line) }
        }

        // Address: a move changes all of it.
        var a = DrawStream(seed, .customerAddress, id, Int(state.customerAddressVersion[id]))
        let city = a.below(Vocabulary.cities.count)
        let nullsA = a.next()
        c[9].appendText(64, null: isNull(nullsA, 0)) { $0.streetAddress(&a) }
        c[10].append(code: city, null: isNull(nullsA, 1))
        c[11].append(code: Int(SourceTemplates.stateOfCity[city]), null: isNull(nullsA, 2))
        c[12].append(code: 0, null: isNull(nullsA, 3))
        let zip = Vocabulary.cities[city].zip * 100 + a.below(100)
        c[13].appendText(8, null: isNull(a.next(), 0)) { $0.digits(zip, width: 5) }
    }
}

extension ByteCursor {
    /// `+1-AAA-EEE-LLLL`.
    @inline(__always)
    mutating func phone(_ area: Int, _ exchange: Int, _ line: Int) {
        word("+1-")
        digits(area, width: 3)
        byte(UInt8(ascii: "-"))
        digits(exchange, width: 3)
        byte(UInt8(ascii: "-"))
        digits(line, width: 4)
    }

    /// `1234 Maple Ave` and, for 15 % of addresses, `, Apt 12`.
    @inline(__always)
    mutating func streetAddress(_ s: inout DrawStream) {
        number(s.inRange(1...9999))
        byte(32)
        word(Vocabulary.streets[s.below(Vocabulary.streets.count)])
        byte(32)
        word(Vocabulary.streetSuffixes[s.below(Vocabulary.streetSuffixes.count)])
        if s.below(100) < 15 {
            word(", ")
            word(Vocabulary.unitWords[s.below(Vocabulary.unitWords.count)])
            byte(32)
            number(s.inRange(1...999))
        }
    }
}
