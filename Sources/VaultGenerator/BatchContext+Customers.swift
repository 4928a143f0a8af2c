// BatchContext+Customers.swift: rows of `customers` and `customer_phones`.

import VaultColumnar

extension BatchContext {
    /// Today's `customers` rows and, for each, its full group of 1-3 phones (`customer_phones`).
    func customerTables(threads: Int) -> (Table, Table) {
        let plan = state.customerPlan
        let tables = emitTables(count: plan.count, threads: threads, tables: 2) { range in
            var c = CustomerColumns(customers: range.count)
            for i in range { customerRow(Int(plan[i]), &c) }
            return c.tables(like: templates[0], templates[1])
        }
        return (tables[0], tables[1])
    }

    private func customerRow(_ id: Int, _ c: inout CustomerColumns) {
        let noise = keyNoise(id, table: 0)
        let customerKey = SpelledKey(.customer, id + 1)
        c.customerID.append(24) { $0.key(customerKey, .customer, id + 1, noise: noise) }

        // Details (fixed for life): names, birth date, gender, registration date.
        var d = DrawStream(seed, .customerDetails, id, 0)
        let gender = Catalog.weighted(&d, Vocabulary.genderWeights)
        // First names alternate male (even index) and female (odd index); gender X takes any.
        let nameIndex = gender == 2 ? d.below(Vocabulary.firstNames.count) : 2 * d.below(Vocabulary.firstNames.count / 2) + gender
        let first = Vocabulary.packedFirstNames[nameIndex]
        let lastIndex = d.below(Vocabulary.lastNames.count)
        let last = Vocabulary.packedLastNames[lastIndex]
        let birth = baseDay - 18 * 365 - d.below(67 * 365)
        let registration = id < state.plan.customers0 ? baseDay - d.inRange(0...3650)
                                                      : baseDay + creationDay(ofCustomer: id)
        let nullsD = d.next()
        c.firstName.append(16, null: isNull(nullsD, 0)) { $0.write(first) }
        c.lastName.append(16, null: isNull(nullsD, 1)) { $0.write(last) }
        c.birthDate.append(birth, null: isNull(nullsD, 2))
        c.gender.append(gender, null: isNull(nullsD, 3))

        var g = DrawStream(seed, .customerSegment, id, Int(state.customerSegmentVersion[id]))
        let segment = Catalog.weighted(&g, Vocabulary.segmentWeights)
        c.segment.append(segment, null: isNull(g.next(), 0))
        c.registrationDate.append(registration)

        // Contact: email and the phone group.
        var t = DrawStream(seed, .customerContact, id, Int(state.customerContactVersion[id]))
        let domain = Vocabulary.packedEmailDomains[t.below(Vocabulary.emailDomains.count)]
        let emailNumber = t.below(1000)
        let nullsC = t.next()
        c.email.append(64, null: isNull(nullsC, 0)) { w in
            w.write(Vocabulary.emailFirstNames[nameIndex])
            w.byte(UInt8(ascii: "."))
            w.write(Vocabulary.emailLastNames[lastIndex])
            w.number(emailNumber)
            w.byte(UInt8(ascii: "@"))
            w.write(domain)
        }
        let phoneCount = 1 + Catalog.weighted(&t, [50, 35, 15])
        let rotation = t.below(3)
        let phoneNoise = keyNoise(id, table: 1)
        for k in 0..<phoneCount {
            let area = Vocabulary.cities[t.below(Vocabulary.cities.count)].area
            let exchange = t.inRange(200...999), line = t.below(10_000)
            if k == 0 {
                c.phone.append(24, null: isNull(nullsC, 1)) { $0.phone(area, exchange, line) }
            }
            c.phoneCustomerID.append(24) { $0.key(customerKey, .customer, id + 1, noise: phoneNoise) }
            c.phoneType.append((rotation + k) % 3)
            c.phoneNumber.append(24) { $0.phone(area, exchange, line) }
        }

        // Address: a move changes all of it.
        var a = DrawStream(seed, .customerAddress, id, Int(state.customerAddressVersion[id]))
        let city = a.below(Vocabulary.cities.count)
        let nullsA = a.next()
        c.address.append(64, null: isNull(nullsA, 0)) { $0.streetAddress(&a) }
        c.city.append(city, null: isNull(nullsA, 1))
        c.state.append(Int(SourceTemplates.stateOfCity[city]), null: isNull(nullsA, 2))
        c.country.append(0, null: isNull(nullsA, 3))
        let zip = Vocabulary.cities[city].zip * 100 + a.below(100)
        c.postalCode.append(8, null: isNull(a.next(), 0)) { $0.digits(zip, width: 5) }
    }
}

/// The columns of `customers` and `customer_phones` for one chunk, written straight into their
/// buffers (see ``StringColumnBuilder``). Codes index the templates' vocabularies.
struct CustomerColumns: ~Copyable {
    var customerID, firstName, lastName: StringColumnBuilder
    var birthDate, gender, segment, registrationDate: FixedColumnBuilder<Int32>
    var email, phone, address: StringColumnBuilder
    var city, state, country: FixedColumnBuilder<Int32>
    var postalCode: StringColumnBuilder
    var phoneCustomerID: StringColumnBuilder
    var phoneType: FixedColumnBuilder<Int32>
    var phoneNumber: StringColumnBuilder

    /// Room for `customers` customers and their phones (1.65 on average; 1.75 reserved).
    init(customers n: Int) {
        let phones = n * 7 / 4 + 64
        customerID = StringColumnBuilder(rows: n, bytesPerRow: 9)
        firstName = StringColumnBuilder(rows: n, bytesPerRow: 7)
        lastName = StringColumnBuilder(rows: n, bytesPerRow: 7)
        birthDate = FixedColumnBuilder(rows: n)
        gender = FixedColumnBuilder(rows: n)
        segment = FixedColumnBuilder(rows: n)
        registrationDate = FixedColumnBuilder(rows: n)
        email = StringColumnBuilder(rows: n, bytesPerRow: 28)
        phone = StringColumnBuilder(rows: n, bytesPerRow: 15)
        address = StringColumnBuilder(rows: n, bytesPerRow: 20)
        city = FixedColumnBuilder(rows: n)
        state = FixedColumnBuilder(rows: n)
        country = FixedColumnBuilder(rows: n)
        postalCode = StringColumnBuilder(rows: n, bytesPerRow: 5)
        phoneCustomerID = StringColumnBuilder(rows: phones, bytesPerRow: 9)
        phoneType = FixedColumnBuilder(rows: phones)
        phoneNumber = StringColumnBuilder(rows: phones, bytesPerRow: 15)
    }

    /// `[customers, customer_phones]` with the templates' names, schemas, types and dictionaries.
    consuming func tables(like customers: Table, _ phones: Table) -> [Table] {
        let t = customers.columns, p = phones.columns
        let customerColumns = [
            customerID.column(), firstName.column(), lastName.column(), birthDate.column(like: t[3]),
            gender.column(like: t[4]), segment.column(like: t[5]), registrationDate.column(like: t[6]),
            email.column(), phone.column(), address.column(), city.column(like: t[10]), state.column(like: t[11]),
            country.column(like: t[12]), postalCode.column(),
        ]
        let phoneColumns = [phoneCustomerID.column(), phoneType.column(like: p[1]), phoneNumber.column()]
        return [try! Table(name: customers.name, schema: customers.schema, columns: customerColumns),
                try! Table(name: phones.name, schema: phones.schema, columns: phoneColumns)]
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
        write(Vocabulary.packedStreets[s.below(Vocabulary.streets.count)])
        byte(32)
        write(Vocabulary.packedStreetSuffixes[s.below(Vocabulary.streetSuffixes.count)])
        if s.below(100) < 15 {
            word(", ")
            word(Vocabulary.unitWords[s.below(Vocabulary.unitWords.count)])
            byte(32)
            number(s.inRange(1...999))
        }
    }
}
