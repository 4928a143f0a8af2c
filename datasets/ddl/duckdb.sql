-- vaultsim 0.1.0: DuckDB DDL of the retail vault (raw and business) and its batch log.
-- Hash keys and hashdiffs: md5, hex keys, automatedv profile.
-- Timestamps are UTC instants; CSV exports (vaultsim load --export) write them without offset, in UTC.

CREATE TABLE hub_customer (
    hub_customer_hk CHAR(32) NOT NULL,
    customer_id VARCHAR NOT NULL,
    load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    record_source VARCHAR NOT NULL,
    CONSTRAINT hub_customer_pk PRIMARY KEY (hub_customer_hk)
);
COMMENT ON TABLE hub_customer IS 'Hub: one row per customer_id ever seen (from customers, customer_phones, transactions); insert-only.';
COMMENT ON COLUMN hub_customer.hub_customer_hk IS 'hash key of the standardised customer_id: MD5 digest as 32 uppercase hex characters, automatedv profile';
COMMENT ON COLUMN hub_customer.customer_id IS 'business key, trimmed and upper-cased';
COMMENT ON COLUMN hub_customer.load_date IS 'when the row was loaded: the batch''s business date at 00:00:00 UTC';
COMMENT ON COLUMN hub_customer.record_source IS 'source system and table the row came from (RETAIL.<TABLE>)';

CREATE TABLE hub_product (
    hub_product_hk CHAR(32) NOT NULL,
    product_id VARCHAR NOT NULL,
    load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    record_source VARCHAR NOT NULL,
    CONSTRAINT hub_product_pk PRIMARY KEY (hub_product_hk)
);
COMMENT ON TABLE hub_product IS 'Hub: one row per product_id ever seen (from products, product_promotions, transactions); insert-only.';
COMMENT ON COLUMN hub_product.hub_product_hk IS 'hash key of the standardised product_id: MD5 digest as 32 uppercase hex characters, automatedv profile';
COMMENT ON COLUMN hub_product.product_id IS 'business key, trimmed and upper-cased';
COMMENT ON COLUMN hub_product.load_date IS 'when the row was loaded: the batch''s business date at 00:00:00 UTC';
COMMENT ON COLUMN hub_product.record_source IS 'source system and table the row came from (RETAIL.<TABLE>)';

CREATE TABLE hub_store (
    hub_store_hk CHAR(32) NOT NULL,
    store_id VARCHAR NOT NULL,
    load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    record_source VARCHAR NOT NULL,
    CONSTRAINT hub_store_pk PRIMARY KEY (hub_store_hk)
);
COMMENT ON TABLE hub_store IS 'Hub: one row per store_id ever seen (from stores, transactions); insert-only.';
COMMENT ON COLUMN hub_store.hub_store_hk IS 'hash key of the standardised store_id: MD5 digest as 32 uppercase hex characters, automatedv profile';
COMMENT ON COLUMN hub_store.store_id IS 'business key, trimmed and upper-cased';
COMMENT ON COLUMN hub_store.load_date IS 'when the row was loaded: the batch''s business date at 00:00:00 UTC';
COMMENT ON COLUMN hub_store.record_source IS 'source system and table the row came from (RETAIL.<TABLE>)';

CREATE TABLE hub_transaction (
    hub_transaction_hk CHAR(32) NOT NULL,
    transaction_id VARCHAR NOT NULL,
    load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    record_source VARCHAR NOT NULL,
    CONSTRAINT hub_transaction_pk PRIMARY KEY (hub_transaction_hk)
);
COMMENT ON TABLE hub_transaction IS 'Hub: one row per transaction_id ever seen (from transactions); insert-only.';
COMMENT ON COLUMN hub_transaction.hub_transaction_hk IS 'hash key of the standardised transaction_id: MD5 digest as 32 uppercase hex characters, automatedv profile';
COMMENT ON COLUMN hub_transaction.transaction_id IS 'business key, trimmed and upper-cased';
COMMENT ON COLUMN hub_transaction.load_date IS 'when the row was loaded: the batch''s business date at 00:00:00 UTC';
COMMENT ON COLUMN hub_transaction.record_source IS 'source system and table the row came from (RETAIL.<TABLE>)';

CREATE TABLE hub_promotion (
    hub_promotion_hk CHAR(32) NOT NULL,
    promotion_id VARCHAR NOT NULL,
    load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    record_source VARCHAR NOT NULL,
    CONSTRAINT hub_promotion_pk PRIMARY KEY (hub_promotion_hk)
);
COMMENT ON TABLE hub_promotion IS 'Hub: one row per promotion_id ever seen (from promotions, product_promotions, transactions); insert-only.';
COMMENT ON COLUMN hub_promotion.hub_promotion_hk IS 'hash key of the standardised promotion_id: MD5 digest as 32 uppercase hex characters, automatedv profile';
COMMENT ON COLUMN hub_promotion.promotion_id IS 'business key, trimmed and upper-cased';
COMMENT ON COLUMN hub_promotion.load_date IS 'when the row was loaded: the batch''s business date at 00:00:00 UTC';
COMMENT ON COLUMN hub_promotion.record_source IS 'source system and table the row came from (RETAIL.<TABLE>)';

CREATE TABLE link_sales (
    link_sales_hk CHAR(32) NOT NULL,
    hub_customer_hk CHAR(32) NOT NULL,
    hub_product_hk CHAR(32) NOT NULL,
    hub_store_hk CHAR(32) NOT NULL,
    hub_transaction_hk CHAR(32) NOT NULL,
    hub_promotion_hk CHAR(32) NOT NULL,
    load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    record_source VARCHAR NOT NULL,
    CONSTRAINT link_sales_pk PRIMARY KEY (link_sales_hk)
);
COMMENT ON TABLE link_sales IS 'Link: one row per distinct combination of hub_customer, hub_product, hub_store, hub_transaction, hub_promotion; insert-only.';
COMMENT ON COLUMN link_sales.link_sales_hk IS 'hash key of the combined hub business keys: MD5 digest as 32 uppercase hex characters, automatedv profile';
COMMENT ON COLUMN link_sales.hub_customer_hk IS 'hash key of hub_customer';
COMMENT ON COLUMN link_sales.hub_product_hk IS 'hash key of hub_product';
COMMENT ON COLUMN link_sales.hub_store_hk IS 'hash key of hub_store';
COMMENT ON COLUMN link_sales.hub_transaction_hk IS 'hash key of hub_transaction';
COMMENT ON COLUMN link_sales.hub_promotion_hk IS 'hash key of hub_promotion';
COMMENT ON COLUMN link_sales.load_date IS 'when the row was loaded: the batch''s business date at 00:00:00 UTC';
COMMENT ON COLUMN link_sales.record_source IS 'source system and table the row came from (RETAIL.<TABLE>)';

CREATE TABLE link_product_promotion (
    link_product_promotion_hk CHAR(32) NOT NULL,
    hub_product_hk CHAR(32) NOT NULL,
    hub_promotion_hk CHAR(32) NOT NULL,
    load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    record_source VARCHAR NOT NULL,
    CONSTRAINT link_product_promotion_pk PRIMARY KEY (link_product_promotion_hk)
);
COMMENT ON TABLE link_product_promotion IS 'Link: one row per distinct combination of hub_product, hub_promotion; insert-only.';
COMMENT ON COLUMN link_product_promotion.link_product_promotion_hk IS 'hash key of the combined hub business keys: MD5 digest as 32 uppercase hex characters, automatedv profile';
COMMENT ON COLUMN link_product_promotion.hub_product_hk IS 'hash key of hub_product';
COMMENT ON COLUMN link_product_promotion.hub_promotion_hk IS 'hash key of hub_promotion';
COMMENT ON COLUMN link_product_promotion.load_date IS 'when the row was loaded: the batch''s business date at 00:00:00 UTC';
COMMENT ON COLUMN link_product_promotion.record_source IS 'source system and table the row came from (RETAIL.<TABLE>)';

CREATE TABLE sat_customer_details (
    hub_customer_hk CHAR(32) NOT NULL,
    load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    hash_diff CHAR(32) NOT NULL,
    record_source VARCHAR NOT NULL,
    first_name VARCHAR,
    last_name VARCHAR,
    birth_date DATE,
    gender VARCHAR,
    customer_segment VARCHAR,
    registration_date DATE,
    CONSTRAINT sat_customer_details_pk PRIMARY KEY (hub_customer_hk, load_date)
);
COMMENT ON TABLE sat_customer_details IS 'Satellite of hub_customer from customers: insert-only versions, a new row when the hash_diff differs from the version in force. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';
COMMENT ON COLUMN sat_customer_details.hub_customer_hk IS 'hash key of the parent hub_customer';
COMMENT ON COLUMN sat_customer_details.load_date IS 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the version is in force until the next version''s load_date';
COMMENT ON COLUMN sat_customer_details.hash_diff IS 'hash of the payload columns (change detection): MD5 digest as 32 uppercase hex characters, automatedv profile';
COMMENT ON COLUMN sat_customer_details.record_source IS 'source system and table the row came from (RETAIL.<TABLE>)';
COMMENT ON COLUMN sat_customer_details.first_name IS 'from customers.first_name';
COMMENT ON COLUMN sat_customer_details.last_name IS 'from customers.last_name';
COMMENT ON COLUMN sat_customer_details.birth_date IS 'from customers.birth_date';
COMMENT ON COLUMN sat_customer_details.gender IS 'from customers.gender';
COMMENT ON COLUMN sat_customer_details.customer_segment IS 'from customers.customer_segment';
COMMENT ON COLUMN sat_customer_details.registration_date IS 'from customers.registration_date';

CREATE TABLE sat_customer_contact (
    hub_customer_hk CHAR(32) NOT NULL,
    load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    hash_diff CHAR(32) NOT NULL,
    record_source VARCHAR NOT NULL,
    email VARCHAR,
    phone VARCHAR,
    address VARCHAR,
    city VARCHAR,
    state VARCHAR,
    country VARCHAR,
    postal_code VARCHAR,
    CONSTRAINT sat_customer_contact_pk PRIMARY KEY (hub_customer_hk, load_date)
);
COMMENT ON TABLE sat_customer_contact IS 'Satellite of hub_customer from customers: insert-only versions, a new row when the hash_diff differs from the version in force. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';
COMMENT ON COLUMN sat_customer_contact.hub_customer_hk IS 'hash key of the parent hub_customer';
COMMENT ON COLUMN sat_customer_contact.load_date IS 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the version is in force until the next version''s load_date';
COMMENT ON COLUMN sat_customer_contact.hash_diff IS 'hash of the payload columns (change detection): MD5 digest as 32 uppercase hex characters, automatedv profile';
COMMENT ON COLUMN sat_customer_contact.record_source IS 'source system and table the row came from (RETAIL.<TABLE>)';
COMMENT ON COLUMN sat_customer_contact.email IS 'from customers.email';
COMMENT ON COLUMN sat_customer_contact.phone IS 'from customers.phone';
COMMENT ON COLUMN sat_customer_contact.address IS 'from customers.address';
COMMENT ON COLUMN sat_customer_contact.city IS 'from customers.city';
COMMENT ON COLUMN sat_customer_contact.state IS 'from customers.state';
COMMENT ON COLUMN sat_customer_contact.country IS 'from customers.country';
COMMENT ON COLUMN sat_customer_contact.postal_code IS 'from customers.postal_code';

CREATE TABLE sat_product_details (
    hub_product_hk CHAR(32) NOT NULL,
    load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    hash_diff CHAR(32) NOT NULL,
    record_source VARCHAR NOT NULL,
    product_name VARCHAR,
    category VARCHAR,
    subcategory VARCHAR,
    brand VARCHAR,
    supplier VARCHAR,
    CONSTRAINT sat_product_details_pk PRIMARY KEY (hub_product_hk, load_date)
);
COMMENT ON TABLE sat_product_details IS 'Satellite of hub_product from products: insert-only versions, a new row when the hash_diff differs from the version in force. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';
COMMENT ON COLUMN sat_product_details.hub_product_hk IS 'hash key of the parent hub_product';
COMMENT ON COLUMN sat_product_details.load_date IS 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the version is in force until the next version''s load_date';
COMMENT ON COLUMN sat_product_details.hash_diff IS 'hash of the payload columns (change detection): MD5 digest as 32 uppercase hex characters, automatedv profile';
COMMENT ON COLUMN sat_product_details.record_source IS 'source system and table the row came from (RETAIL.<TABLE>)';
COMMENT ON COLUMN sat_product_details.product_name IS 'from products.product_name';
COMMENT ON COLUMN sat_product_details.category IS 'from products.category';
COMMENT ON COLUMN sat_product_details.subcategory IS 'from products.subcategory';
COMMENT ON COLUMN sat_product_details.brand IS 'from products.brand';
COMMENT ON COLUMN sat_product_details.supplier IS 'from products.supplier';

CREATE TABLE sat_product_pricing (
    hub_product_hk CHAR(32) NOT NULL,
    load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    hash_diff CHAR(32) NOT NULL,
    record_source VARCHAR NOT NULL,
    unit_cost DECIMAL(10,2),
    unit_price DECIMAL(10,2),
    currency VARCHAR,
    CONSTRAINT sat_product_pricing_pk PRIMARY KEY (hub_product_hk, load_date)
);
COMMENT ON TABLE sat_product_pricing IS 'Satellite of hub_product from products: insert-only versions, a new row when the hash_diff differs from the version in force. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';
COMMENT ON COLUMN sat_product_pricing.hub_product_hk IS 'hash key of the parent hub_product';
COMMENT ON COLUMN sat_product_pricing.load_date IS 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the version is in force until the next version''s load_date';
COMMENT ON COLUMN sat_product_pricing.hash_diff IS 'hash of the payload columns (change detection): MD5 digest as 32 uppercase hex characters, automatedv profile';
COMMENT ON COLUMN sat_product_pricing.record_source IS 'source system and table the row came from (RETAIL.<TABLE>)';
COMMENT ON COLUMN sat_product_pricing.unit_cost IS 'from products.unit_cost';
COMMENT ON COLUMN sat_product_pricing.unit_price IS 'from products.unit_price';
COMMENT ON COLUMN sat_product_pricing.currency IS 'from products.currency';

CREATE TABLE sat_store_details (
    hub_store_hk CHAR(32) NOT NULL,
    load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    hash_diff CHAR(32) NOT NULL,
    record_source VARCHAR NOT NULL,
    store_name VARCHAR,
    store_type VARCHAR,
    manager VARCHAR,
    address VARCHAR,
    city VARCHAR,
    state VARCHAR,
    country VARCHAR,
    postal_code VARCHAR,
    phone VARCHAR,
    open_date DATE,
    square_footage INTEGER,
    number_of_employees INTEGER,
    CONSTRAINT sat_store_details_pk PRIMARY KEY (hub_store_hk, load_date)
);
COMMENT ON TABLE sat_store_details IS 'Satellite of hub_store from stores: insert-only versions, a new row when the hash_diff differs from the version in force. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';
COMMENT ON COLUMN sat_store_details.hub_store_hk IS 'hash key of the parent hub_store';
COMMENT ON COLUMN sat_store_details.load_date IS 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the version is in force until the next version''s load_date';
COMMENT ON COLUMN sat_store_details.hash_diff IS 'hash of the payload columns (change detection): MD5 digest as 32 uppercase hex characters, automatedv profile';
COMMENT ON COLUMN sat_store_details.record_source IS 'source system and table the row came from (RETAIL.<TABLE>)';
COMMENT ON COLUMN sat_store_details.store_name IS 'from stores.store_name';
COMMENT ON COLUMN sat_store_details.store_type IS 'from stores.store_type';
COMMENT ON COLUMN sat_store_details.manager IS 'from stores.manager';
COMMENT ON COLUMN sat_store_details.address IS 'from stores.address';
COMMENT ON COLUMN sat_store_details.city IS 'from stores.city';
COMMENT ON COLUMN sat_store_details.state IS 'from stores.state';
COMMENT ON COLUMN sat_store_details.country IS 'from stores.country';
COMMENT ON COLUMN sat_store_details.postal_code IS 'from stores.postal_code';
COMMENT ON COLUMN sat_store_details.phone IS 'from stores.phone';
COMMENT ON COLUMN sat_store_details.open_date IS 'from stores.open_date';
COMMENT ON COLUMN sat_store_details.square_footage IS 'from stores.square_footage';
COMMENT ON COLUMN sat_store_details.number_of_employees IS 'from stores.number_of_employees';

CREATE TABLE sat_transaction_details (
    hub_transaction_hk CHAR(32) NOT NULL,
    load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    hash_diff CHAR(32) NOT NULL,
    record_source VARCHAR NOT NULL,
    transaction_date DATE,
    transaction_time TIME,
    payment_method VARCHAR,
    CONSTRAINT sat_transaction_details_pk PRIMARY KEY (hub_transaction_hk, load_date)
);
COMMENT ON TABLE sat_transaction_details IS 'Satellite of hub_transaction from transactions: insert-only versions, a new row when the hash_diff differs from the version in force. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';
COMMENT ON COLUMN sat_transaction_details.hub_transaction_hk IS 'hash key of the parent hub_transaction';
COMMENT ON COLUMN sat_transaction_details.load_date IS 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the version is in force until the next version''s load_date';
COMMENT ON COLUMN sat_transaction_details.hash_diff IS 'hash of the payload columns (change detection): MD5 digest as 32 uppercase hex characters, automatedv profile';
COMMENT ON COLUMN sat_transaction_details.record_source IS 'source system and table the row came from (RETAIL.<TABLE>)';
COMMENT ON COLUMN sat_transaction_details.transaction_date IS 'from transactions.transaction_date';
COMMENT ON COLUMN sat_transaction_details.transaction_time IS 'from transactions.transaction_time';
COMMENT ON COLUMN sat_transaction_details.payment_method IS 'from transactions.payment_method';

CREATE TABLE sat_promotion_details (
    hub_promotion_hk CHAR(32) NOT NULL,
    load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    hash_diff CHAR(32) NOT NULL,
    record_source VARCHAR NOT NULL,
    promotion_name VARCHAR,
    promotion_type VARCHAR,
    discount_percentage DECIMAL(5,2),
    start_date DATE,
    end_date DATE,
    description VARCHAR,
    CONSTRAINT sat_promotion_details_pk PRIMARY KEY (hub_promotion_hk, load_date)
);
COMMENT ON TABLE sat_promotion_details IS 'Satellite of hub_promotion from promotions: insert-only versions, a new row when the hash_diff differs from the version in force. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';
COMMENT ON COLUMN sat_promotion_details.hub_promotion_hk IS 'hash key of the parent hub_promotion';
COMMENT ON COLUMN sat_promotion_details.load_date IS 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the version is in force until the next version''s load_date';
COMMENT ON COLUMN sat_promotion_details.hash_diff IS 'hash of the payload columns (change detection): MD5 digest as 32 uppercase hex characters, automatedv profile';
COMMENT ON COLUMN sat_promotion_details.record_source IS 'source system and table the row came from (RETAIL.<TABLE>)';
COMMENT ON COLUMN sat_promotion_details.promotion_name IS 'from promotions.promotion_name';
COMMENT ON COLUMN sat_promotion_details.promotion_type IS 'from promotions.promotion_type';
COMMENT ON COLUMN sat_promotion_details.discount_percentage IS 'from promotions.discount_percentage';
COMMENT ON COLUMN sat_promotion_details.start_date IS 'from promotions.start_date';
COMMENT ON COLUMN sat_promotion_details.end_date IS 'from promotions.end_date';
COMMENT ON COLUMN sat_promotion_details.description IS 'from promotions.description';

CREATE TABLE sat_sales_metrics (
    link_sales_hk CHAR(32) NOT NULL,
    load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    hash_diff CHAR(32) NOT NULL,
    record_source VARCHAR NOT NULL,
    line_item_number INTEGER,
    quantity INTEGER,
    unit_price DECIMAL(10,2),
    discount_amount DECIMAL(10,2),
    tax_amount DECIMAL(10,2),
    total_amount DECIMAL(10,2),
    cost DECIMAL(10,2),
    profit DECIMAL(10,2),
    CONSTRAINT sat_sales_metrics_pk PRIMARY KEY (link_sales_hk, load_date)
);
COMMENT ON TABLE sat_sales_metrics IS 'Satellite of link_sales from transactions: insert-only versions, a new row when the hash_diff differs from the version in force. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';
COMMENT ON COLUMN sat_sales_metrics.link_sales_hk IS 'hash key of the parent link_sales';
COMMENT ON COLUMN sat_sales_metrics.load_date IS 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the version is in force until the next version''s load_date';
COMMENT ON COLUMN sat_sales_metrics.hash_diff IS 'hash of the payload columns (change detection): MD5 digest as 32 uppercase hex characters, automatedv profile';
COMMENT ON COLUMN sat_sales_metrics.record_source IS 'source system and table the row came from (RETAIL.<TABLE>)';
COMMENT ON COLUMN sat_sales_metrics.line_item_number IS 'from transactions.line_item_number';
COMMENT ON COLUMN sat_sales_metrics.quantity IS 'from transactions.quantity';
COMMENT ON COLUMN sat_sales_metrics.unit_price IS 'from transactions.unit_price';
COMMENT ON COLUMN sat_sales_metrics.discount_amount IS 'from transactions.discount_amount';
COMMENT ON COLUMN sat_sales_metrics.tax_amount IS 'from transactions.tax_amount';
COMMENT ON COLUMN sat_sales_metrics.total_amount IS 'unit_price * quantity - discount_amount + tax_amount';
COMMENT ON COLUMN sat_sales_metrics.cost IS 'unit_cost of the product pricing in force * quantity';
COMMENT ON COLUMN sat_sales_metrics.profit IS 'total_amount - cost';

CREATE TABLE sat_customer_phone_ma (
    hub_customer_hk CHAR(32) NOT NULL,
    load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    hash_diff CHAR(32) NOT NULL,
    record_source VARCHAR NOT NULL,
    phone_type VARCHAR,
    phone_number VARCHAR,
    CONSTRAINT sat_customer_phone_ma_key UNIQUE (hub_customer_hk, load_date, phone_type)
);
COMMENT ON TABLE sat_customer_phone_ma IS 'Multi-active satellite of hub_customer from customer_phones: per key a group of rows in force at once, one per phone_type; the whole group is inserted again when any member or the member count changes. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';
COMMENT ON COLUMN sat_customer_phone_ma.hub_customer_hk IS 'hash key of the parent hub_customer';
COMMENT ON COLUMN sat_customer_phone_ma.load_date IS 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the group of rows with this load_date is in force until the key''s next load_date';
COMMENT ON COLUMN sat_customer_phone_ma.hash_diff IS 'hash of phone_type and phone_number (change detection): MD5 digest as 32 uppercase hex characters, automatedv profile';
COMMENT ON COLUMN sat_customer_phone_ma.record_source IS 'source system and table the row came from (RETAIL.<TABLE>)';
COMMENT ON COLUMN sat_customer_phone_ma.phone_type IS 'child-dependent key (mobile, home, work), from customer_phones.phone_type; NULL only in the ghost record';
COMMENT ON COLUMN sat_customer_phone_ma.phone_number IS 'from customer_phones.phone_number';

CREATE TABLE sat_product_promotion_eff (
    link_product_promotion_hk CHAR(32) NOT NULL,
    load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    hub_product_hk CHAR(32) NOT NULL,
    hub_promotion_hk CHAR(32) NOT NULL,
    start_date DATE,
    end_date DATE,
    record_source VARCHAR NOT NULL,
    CONSTRAINT sat_product_promotion_eff_pk PRIMARY KEY (link_product_promotion_hk, load_date)
);
COMMENT ON TABLE sat_product_promotion_eff IS 'Effectivity satellite of link_product_promotion from product_promotions: when each link starts and ends; a new version when its dates change, and a closing version for the other open links of a driving key (hub_product) that opens a link. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';
COMMENT ON COLUMN sat_product_promotion_eff.link_product_promotion_hk IS 'hash key of the parent link_product_promotion';
COMMENT ON COLUMN sat_product_promotion_eff.load_date IS 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the version is in force until the link''s next load_date';
COMMENT ON COLUMN sat_product_promotion_eff.hub_product_hk IS 'hash key of hub_product, the driving key';
COMMENT ON COLUMN sat_product_promotion_eff.hub_promotion_hk IS 'hash key of hub_promotion';
COMMENT ON COLUMN sat_product_promotion_eff.start_date IS 'from product_promotions.start_date';
COMMENT ON COLUMN sat_product_promotion_eff.end_date IS 'from product_promotions.end_date; 9999-12-31 while open; the start_date of the driving key''s new link when that link ended this one';
COMMENT ON COLUMN sat_product_promotion_eff.record_source IS 'source system and table the row came from (RETAIL.<TABLE>)';

CREATE TABLE pit_customer (
    hub_customer_hk CHAR(32) NOT NULL,
    snapshot_date DATE NOT NULL,
    sat_customer_details_hk CHAR(32) NOT NULL,
    sat_customer_details_load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    sat_customer_contact_hk CHAR(32) NOT NULL,
    sat_customer_contact_load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pit_customer_pk PRIMARY KEY (hub_customer_hk, snapshot_date)
);
COMMENT ON TABLE pit_customer IS 'Point-in-time table over hub_customer: per hub key and snapshot date, the version of sat_customer_details and sat_customer_contact in force (the latest loaded on or before the date).';
COMMENT ON COLUMN pit_customer.hub_customer_hk IS 'hash key of hub_customer';
COMMENT ON COLUMN pit_customer.snapshot_date IS 'snapshot date (--pit-from to --pit-to every --pit-grain; by default every loaded business date)';
COMMENT ON COLUMN pit_customer.sat_customer_details_hk IS 'parent key of the sat_customer_details version in force on snapshot_date (the ghost record''s zero key when none is)';
COMMENT ON COLUMN pit_customer.sat_customer_details_load_date IS 'load_date of that version (1900-01-01 00:00:00 for the ghost)';
COMMENT ON COLUMN pit_customer.sat_customer_contact_hk IS 'parent key of the sat_customer_contact version in force on snapshot_date (the ghost record''s zero key when none is)';
COMMENT ON COLUMN pit_customer.sat_customer_contact_load_date IS 'load_date of that version (1900-01-01 00:00:00 for the ghost)';

CREATE TABLE pit_product (
    hub_product_hk CHAR(32) NOT NULL,
    snapshot_date DATE NOT NULL,
    sat_product_details_hk CHAR(32) NOT NULL,
    sat_product_details_load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    sat_product_pricing_hk CHAR(32) NOT NULL,
    sat_product_pricing_load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pit_product_pk PRIMARY KEY (hub_product_hk, snapshot_date)
);
COMMENT ON TABLE pit_product IS 'Point-in-time table over hub_product: per hub key and snapshot date, the version of sat_product_details and sat_product_pricing in force (the latest loaded on or before the date).';
COMMENT ON COLUMN pit_product.hub_product_hk IS 'hash key of hub_product';
COMMENT ON COLUMN pit_product.snapshot_date IS 'snapshot date (--pit-from to --pit-to every --pit-grain; by default every loaded business date)';
COMMENT ON COLUMN pit_product.sat_product_details_hk IS 'parent key of the sat_product_details version in force on snapshot_date (the ghost record''s zero key when none is)';
COMMENT ON COLUMN pit_product.sat_product_details_load_date IS 'load_date of that version (1900-01-01 00:00:00 for the ghost)';
COMMENT ON COLUMN pit_product.sat_product_pricing_hk IS 'parent key of the sat_product_pricing version in force on snapshot_date (the ghost record''s zero key when none is)';
COMMENT ON COLUMN pit_product.sat_product_pricing_load_date IS 'load_date of that version (1900-01-01 00:00:00 for the ghost)';

CREATE TABLE bridge_customer_product (
    hub_customer_hk CHAR(32) NOT NULL,
    snapshot_date DATE NOT NULL,
    link_sales_hk CHAR(32) NOT NULL,
    hub_product_hk CHAR(32) NOT NULL,
    CONSTRAINT bridge_customer_product_pk PRIMARY KEY (hub_customer_hk, snapshot_date, link_sales_hk)
);
COMMENT ON TABLE bridge_customer_product IS 'Bridge from hub_customer through link_sales to hub_product: per snapshot date, every link_sales row loaded on or before it.';
COMMENT ON COLUMN bridge_customer_product.hub_customer_hk IS 'hash key of hub_customer';
COMMENT ON COLUMN bridge_customer_product.snapshot_date IS 'snapshot date (--pit-from to --pit-to every --pit-grain; by default every loaded business date)';
COMMENT ON COLUMN bridge_customer_product.link_sales_hk IS 'hash key of the link_sales row';
COMMENT ON COLUMN bridge_customer_product.hub_product_hk IS 'hash key of hub_product';

CREATE TABLE etl_batch_log (
    batch_id INTEGER NOT NULL,
    load_date TIMESTAMP WITH TIME ZONE NOT NULL,
    table_name VARCHAR NOT NULL,
    rows_in BIGINT,
    rows_inserted BIGINT,
    rows_rejected BIGINT,
    rows_duplicate BIGINT,
    rows_superseded BIGINT,
    rows_unchanged BIGINT,
    duration_us BIGINT,
    CONSTRAINT etl_batch_log_pk PRIMARY KEY (batch_id, table_name)
);
COMMENT ON TABLE etl_batch_log IS 'Batch log: per batch and vault table, what loading did.';
COMMENT ON COLUMN etl_batch_log.batch_id IS 'batch number, 0 for the initial full extract';
COMMENT ON COLUMN etl_batch_log.load_date IS 'when the row was loaded: the batch''s business date at 00:00:00 UTC';
COMMENT ON COLUMN etl_batch_log.table_name IS 'vault table';
COMMENT ON COLUMN etl_batch_log.rows_in IS 'source rows offered to the table';
COMMENT ON COLUMN etl_batch_log.rows_inserted IS 'rows inserted';
COMMENT ON COLUMN etl_batch_log.rows_rejected IS 'rows with a NULL key (not loaded)';
COMMENT ON COLUMN etl_batch_log.rows_duplicate IS 'rows identical to an earlier row of the batch';
COMMENT ON COLUMN etl_batch_log.rows_superseded IS 'rows replaced by a later, different row of the same key in the batch';
COMMENT ON COLUMN etl_batch_log.rows_unchanged IS 'keys already present, or satellite versions equal to the version in force';
COMMENT ON COLUMN etl_batch_log.duration_us IS 'time spent loading the table, microseconds';
