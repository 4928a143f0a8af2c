// Vocabulary.swift: the static word tables names, addresses and categories are drawn from.

/// Static ASCII word tables. Values are `StaticString`s, so copying one into a column is a
/// `memcpy` from the binary's read-only data: no `String`, no allocation.
enum Vocabulary {
    /// Male names at even indices, female names at odd ones.
    static let firstNames: [StaticString] = [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
        "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra", "Donald", "Margaret",
        "Steven", "Ashley", "Andrew", "Kimberly", "Paul", "Emily", "Joshua", "Donna", "Kenneth", "Michelle",
        "Kevin", "Carol", "Brian", "Amanda", "George", "Melissa", "Timothy", "Deborah", "Ronald", "Stephanie",
        "Jason", "Rebecca", "Edward", "Sharon", "Jeffrey", "Laura", "Ryan", "Cynthia", "Jacob", "Amy",
        "Gary", "Kathleen", "Nicholas", "Angela", "Eric", "Shirley", "Jonathan", "Brenda", "Stephen", "Emma",
        "Larry", "Anna", "Justin", "Pamela", "Scott", "Nicole", "Brandon", "Samantha", "Benjamin", "Katherine",
        "Samuel", "Christine", "Gregory", "Helen", "Alexander", "Debra", "Patrick", "Rachel", "Frank", "Carolyn",
        "Raymond", "Janet", "Jack", "Maria", "Dennis", "Olivia", "Jerry", "Heather", "Tyler", "Diane",
    ]

    static let lastNames: [StaticString] = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
        "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
        "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes",
        "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper",
        "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson",
        "Watson", "Brooks", "Chavez", "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes",
        "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "O'Brien",
    ]

    static let streets: [StaticString] = [
        "Maple", "Oak", "Pine", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park", "Main",
        "Sunset", "Highland", "Church", "Ridge", "River", "Forest", "Meadow", "Spring", "Valley", "Lincoln",
        "Jefferson", "Madison", "Franklin", "Willow", "Chestnut", "Walnut", "Birch", "Market", "Mill", "Union",
    ]
    static let streetSuffixes: [StaticString] = ["St", "Ave", "Rd", "Blvd", "Ln", "Dr", "Ct", "Way"]
    static let unitWords: [StaticString] = ["Apt", "Suite", "Unit"]

    /// (city, state, first three digits of its ZIP codes, area code).
    static let cities: [(city: StaticString, state: StaticString, zip: Int, area: Int)] = [
        ("New York", "NY", 100, 212), ("Los Angeles", "CA", 900, 213), ("Chicago", "IL", 606, 312),
        ("Houston", "TX", 770, 713), ("Phoenix", "AZ", 850, 602), ("Philadelphia", "PA", 191, 215),
        ("San Antonio", "TX", 782, 210), ("San Diego", "CA", 921, 619), ("Dallas", "TX", 752, 214),
        ("San Jose", "CA", 951, 408), ("Austin", "TX", 787, 512), ("Jacksonville", "FL", 322, 904),
        ("Columbus", "OH", 432, 614), ("Charlotte", "NC", 282, 704), ("Indianapolis", "IN", 462, 317),
        ("Seattle", "WA", 981, 206), ("Denver", "CO", 802, 303), ("Boston", "MA", 21, 617),
        ("Nashville", "TN", 372, 615), ("Portland", "OR", 972, 503), ("Las Vegas", "NV", 891, 702),
        ("Detroit", "MI", 482, 313), ("Memphis", "TN", 381, 901), ("Baltimore", "MD", 212, 410),
        ("Milwaukee", "WI", 532, 414), ("Atlanta", "GA", 303, 404), ("Miami", "FL", 331, 305),
        ("Minneapolis", "MN", 554, 612), ("Cleveland", "OH", 441, 216), ("Tampa", "FL", 336, 813),
        ("Pittsburgh", "PA", 152, 412), ("Salt Lake City", "UT", 841, 801),
    ]
    /// Distinct states, in first-seen order of `cities` (dictionary vocabulary).
    static let states: [StaticString] = [
        "NY", "CA", "IL", "TX", "AZ", "PA", "FL", "OH", "NC", "IN", "WA", "CO", "MA", "TN", "OR", "NV",
        "MI", "MD", "WI", "GA", "MN", "UT",
    ]
    static let countries: [StaticString] = ["USA"]

    static let emailDomains: [StaticString] = ["gmail.com", "yahoo.com", "outlook.com", "example.com", "mail.com"]

    static let genders: [StaticString] = ["M", "F", "X"]
    static let genderWeights = [49, 49, 2]
    static let segments: [StaticString] = ["Bronze", "Silver", "Gold", "Platinum"]
    static let segmentWeights = [50, 30, 15, 5]

    /// Categories, each with four subcategories (index `4 * category + k`) and a cost range in cents.
    static let categories: [StaticString] = [
        "Electronics", "Clothing", "Home", "Grocery", "Sports", "Beauty", "Toys", "Books",
    ]
    static let categoryCostCents: [ClosedRange<Int>] = [
        1_500...90_000, 800...12_000, 500...40_000, 80...2_500, 600...30_000, 300...6_000, 400...8_000, 300...4_000,
    ]
    static let subcategories: [StaticString] = [
        "Phones", "Laptops", "Audio", "Accessories",
        "Men", "Women", "Kids", "Shoes",
        "Kitchen", "Furniture", "Decor", "Bedding",
        "Snacks", "Beverages", "Dairy", "Produce",
        "Fitness", "Outdoor", "Team Sports", "Cycling",
        "Skincare", "Makeup", "Haircare", "Fragrance",
        "Board Games", "Puzzles", "Dolls", "Building Sets",
        "Fiction", "Non-Fiction", "Children", "Comics",
    ]
    /// A product noun per subcategory.
    static let nouns: [StaticString] = [
        "Smartphone", "Notebook", "Headphones", "Charger",
        "Shirt", "Dress", "Hoodie", "Sneakers",
        "Blender", "Chair", "Lamp", "Pillow",
        "Chips", "Soda", "Yogurt", "Apples",
        "Dumbbell", "Tent", "Football", "Helmet",
        "Serum", "Lipstick", "Shampoo", "Perfume",
        "Strategy Game", "Jigsaw", "Doll", "Brick Set",
        "Novel", "Cookbook", "Picture Book", "Graphic Novel",
    ]
    static let adjectives: [StaticString] = [
        "Classic", "Premium", "Essential", "Ultra", "Eco", "Pro", "Deluxe", "Smart",
        "Compact", "Vintage", "Sport", "Organic", "Signature", "Everyday", "Max", "Lite",
    ]
    static let brands: [StaticString] = [
        "Acme", "Nova", "Zenith", "Apex", "Orion", "Vertex", "Summit", "Evergreen",
        "BlueWave", "Northwind", "Contoso", "Fabrikam", "Lumen", "Pioneer", "Harbor", "Atlas",
        "Crescent", "Maple & Co", "Ironwood", "Sterling", "Quantum", "Willow", "Falcon", "Redstone",
    ]
    static let suppliers: [StaticString] = [
        "Global Supply Inc", "Northwind Traders", "Pacific Wholesale", "Midwest Distribution",
        "Atlantic Imports", "Summit Logistics", "Prime Sourcing, LLC", "Continental Goods",
        "Eastern Trading Co", "Western Merchants", "Coastal Partners", "United Vendors",
    ]
    static let currencies: [StaticString] = ["USD"]

    static let storeTypes: [StaticString] = ["Flagship", "Mall", "Outlet", "Express", "Superstore"]
    static let paymentMethods: [StaticString] = ["CREDIT_CARD", "DEBIT_CARD", "CASH", "MOBILE_PAY", "GIFT_CARD"]
    /// Cumulative weights (out of 100) of `paymentMethods`.
    static let paymentCumulative = [45, 70, 90, 98, 100]
    static let phoneTypes: [StaticString] = ["mobile", "home", "work"]

    static let promotionTypes: [StaticString] = ["PERCENT_OFF", "BOGO", "CLEARANCE", "SEASONAL", "LOYALTY", "NONE"]
    static let promotionThemes: [StaticString] = [
        "Spring", "Summer", "Autumn", "Winter", "Holiday", "Weekend", "Flash", "Members",
        "Back to School", "Clearance", "Anniversary", "Midnight",
    ]
    static let promotionWords: [StaticString] = ["Sale", "Deals", "Savings", "Event", "Specials", "Bonanza"]
}

extension StaticString {
    /// The bytes, for `memcpy`.
    @inline(__always)
    var rawBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: utf8Start, count: utf8CodeUnitCount)
    }
}
