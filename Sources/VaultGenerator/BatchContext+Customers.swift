// BatchContext+Customers.swift: rows of `customers` and `customer_phones`.

import VaultColumnar

extension BatchContext {
    /// Today's `customers` rows and, for each, its full group of 1-3 phones (`customer_phones`).
    func customerTables(threads: Int) -> (Table, Table) {
        let plan = state.customerPlan
        let tables = emitTables(count: plan.count, threads: threads, tables: 2) { range in
            var c = CustomerColumns(customers: range.count)
            var start = range.lowerBound
            while start < range.upperBound {
                let end = min(start + Self.customerBlock, range.upperBound)
                customerBlock(plan, start..<end, &c)
                start = end
            }
            return c.tables(like: templates[0], templates[1])
        }
        return (tables[0], tables[1])
    }

    /// Customers per block written through one set of cursors (see ``CustomerCursors``).
    static let customerBlock = 64

    /// Writes the customers `plan[range]` (and their phones) as the next rows of `c`.
    @inline(never)
    private func customerBlock(_ plan: [Int32], _ range: Range<Int>, _ c: inout CustomerColumns) {
        var w = c.cursors(customers: range.count)
        var phoneRow = 0
        for (row, i) in range.enumerated() { customerRow(Int(plan[i]), row: row, phoneRow: &phoneRow, &w, &c) }
        c.commit(w, customers: range.count, phones: phoneRow)
    }

    /// Writes customer `id` as row `row` of the block and its phones from `phoneRow` on
    /// (advancing it), through `w`; NULLs are recorded in `c`.
    @inline(__always)
    private func customerRow(_ id: Int, row i: Int, phoneRow: inout Int, _ w: inout CustomerCursors,
                             _ c: inout CustomerColumns) {
        let noise = keyNoise(id, table: 0)
        let customerKey = SpelledKey(.customer, id + 1)
        w.customerID.set(i) { $0.key(customerKey, .customer, id + 1, noise: noise) }

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
        w.firstName.set(i, null: isNull(nullsD, 0), in: &c.firstName) { $0.write(first) }
        w.lastName.set(i, null: isNull(nullsD, 1), in: &c.lastName) { $0.write(last) }
        w.birthDate.set(i, Int32(birth), null: isNull(nullsD, 2), in: &c.birthDate)
        w.gender.set(i, Int32(gender), null: isNull(nullsD, 3), in: &c.gender)

        var g = DrawStream(seed, .customerSegment, id, Int(state.customerSegmentVersion[id]))
        let segment = Catalog.weighted(&g, Vocabulary.segmentWeights)
        w.segment.set(i, Int32(segment), null: isNull(g.next(), 0), in: &c.segment)
        w.registrationDate.set(i, Int32(truncatingIfNeeded: registration))

        // Contact: email and the phone group.
        var t = DrawStream(seed, .customerContact, id, Int(state.customerContactVersion[id]))
        let domain = Vocabulary.packedEmailDomains[t.below(Vocabulary.emailDomains.count)]
        let emailNumber = t.below(1000)
        let nullsC = t.next()
        w.email.set(i, null: isNull(nullsC, 0), in: &c.email) { w in
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
                w.phone.set(i, null: isNull(nullsC, 1), in: &c.phone) { $0.phone(area, exchange, line) }
            }
            w.phoneCustomerID.set(phoneRow) { $0.key(customerKey, .customer, id + 1, noise: phoneNoise) }
            w.phoneType.set(phoneRow, Int32((rotation + k) % 3))
            w.phoneNumber.set(phoneRow) { $0.phone(area, exchange, line) }
            phoneRow += 1
        }

        // Address: a move changes all of it.
        var a = DrawStream(seed, .customerAddress, id, Int(state.customerAddressVersion[id]))
        let city = a.below(Vocabulary.cities.count)
        let nullsA = a.next()
        w.address.set(i, null: isNull(nullsA, 0), in: &c.address) { $0.streetAddress(&a) }
        w.city.set(i, Int32(city), null: isNull(nullsA, 1), in: &c.city)
        w.state.set(i, SourceTemplates.stateOfCity[city], null: isNull(nullsA, 2), in: &c.state)
        w.country.set(i, 0, null: isNull(nullsA, 3), in: &c.country)
        let zip = Vocabulary.cities[city].zip * 100 + a.below(100)
        w.postalCode.set(i, null: isNull(a.next(), 0), in: &c.postalCode) { $0.digits(zip, width: 5) }
    }
}

/// Write positions into the columns of `customers` and `customer_phones` for one block of
/// customers (see ``StringColumnCursor``): plain values the writing function keeps in registers.
struct CustomerCursors {
    var customerID, firstName, lastName, email, phone, address, postalCode: StringColumnCursor
    var phoneCustomerID, phoneNumber: StringColumnCursor
    let birthDate, gender, segment, registrationDate, city, state, country: FixedColumnCursor<Int32>
    let phoneType: FixedColumnCursor<Int32>
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

    /// Room for `n` more customers and their phones (at most three each) in every column, to
    /// write through the cursors returned (every customer must be written); the room of a row is
    /// the longest value of its column.
    mutating func cursors(customers n: Int) -> CustomerCursors {
        CustomerCursors(customerID: customerID.cursor(rows: n), firstName: firstName.cursor(rows: n, maximumLength: 16),
                        lastName: lastName.cursor(rows: n, maximumLength: 16), email: email.cursor(rows: n, maximumLength: 64),
                        phone: phone.cursor(rows: n), address: address.cursor(rows: n, maximumLength: 64),
                        postalCode: postalCode.cursor(rows: n, maximumLength: 8), phoneCustomerID: phoneCustomerID.cursor(rows: 3 * n),
                        phoneNumber: phoneNumber.cursor(rows: 3 * n), birthDate: birthDate.claim(rows: n),
                        gender: gender.claim(rows: n), segment: segment.claim(rows: n),
                        registrationDate: registrationDate.claim(rows: n), city: city.claim(rows: n),
                        state: state.claim(rows: n), country: country.claim(rows: n), phoneType: phoneType.cursor(rows: 3 * n))
    }

    /// Counts the `n` customers and `phones` phones written through `w` (the fixed-width columns
    /// of `customers` were claimed with their cursors).
    mutating func commit(_ w: CustomerCursors, customers n: Int, phones: Int) {
        customerID.commit(w.customerID, rows: n)
        firstName.commit(w.firstName, rows: n)
        lastName.commit(w.lastName, rows: n)
        email.commit(w.email, rows: n)
        phone.commit(w.phone, rows: n)
        address.commit(w.address, rows: n)
        postalCode.commit(w.postalCode, rows: n)
        phoneCustomerID.commit(w.phoneCustomerID, rows: phones)
        phoneType.commit(rows: phones)
        phoneNumber.commit(w.phoneNumber, rows: phones)
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
