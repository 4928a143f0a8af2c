-- vaultsim 0.1.0: Snowflake DDL of the retail vault (raw and business) and its batch log.
-- Hash keys and hashdiffs: md5, hex keys, automatedv profile.
-- Timestamps are UTC instants; CSV exports (vaultsim load --export) write them without offset, in UTC.

CREATE TABLE hub_customer (
    hub_customer_hk CHAR(32) NOT NULL COMMENT 'hash key of the standardised customer_id: MD5 digest as 32 uppercase hex characters, automatedv profile',
    customer_id VARCHAR NOT NULL COMMENT 'business key, trimmed and upper-cased',
    load_date TIMESTAMP_TZ NOT NULL COMMENT 'when the row was loaded: the batch''s business date at 00:00:00 UTC',
    record_source VARCHAR NOT NULL COMMENT 'source system and table the row came from (RETAIL.<TABLE>)',
    CONSTRAINT hub_customer_pk PRIMARY KEY (hub_customer_hk)
) COMMENT = 'Hub: one row per customer_id ever seen (from customers, customer_phones, transactions); insert-only.';

CREATE TABLE hub_product (
    hub_product_hk CHAR(32) NOT NULL COMMENT 'hash key of the standardised product_id: MD5 digest as 32 uppercase hex characters, automatedv profile',
    product_id VARCHAR NOT NULL COMMENT 'business key, trimmed and upper-cased',
    load_date TIMESTAMP_TZ NOT NULL COMMENT 'when the row was loaded: the batch''s business date at 00:00:00 UTC',
    record_source VARCHAR NOT NULL COMMENT 'source system and table the row came from (RETAIL.<TABLE>)',
    CONSTRAINT hub_product_pk PRIMARY KEY (hub_product_hk)
) COMMENT = 'Hub: one row per product_id ever seen (from products, product_promotions, transactions); insert-only.';

CREATE TABLE hub_store (
    hub_store_hk CHAR(32) NOT NULL COMMENT 'hash key of the standardised store_id: MD5 digest as 32 uppercase hex characters, automatedv profile',
    store_id VARCHAR NOT NULL COMMENT 'business key, trimmed and upper-cased',
    load_date TIMESTAMP_TZ NOT NULL COMMENT 'when the row was loaded: the batch''s business date at 00:00:00 UTC',
    record_source VARCHAR NOT NULL COMMENT 'source system and table the row came from (RETAIL.<TABLE>)',
    CONSTRAINT hub_store_pk PRIMARY KEY (hub_store_hk)
) COMMENT = 'Hub: one row per store_id ever seen (from stores, transactions); insert-only.';

CREATE TABLE hub_transaction (
    hub_transaction_hk CHAR(32) NOT NULL COMMENT 'hash key of the standardised transaction_id: MD5 digest as 32 uppercase hex characters, automatedv profile',
    transaction_id VARCHAR NOT NULL COMMENT 'business key, trimmed and upper-cased',
    load_date TIMESTAMP_TZ NOT NULL COMMENT 'when the row was loaded: the batch''s business date at 00:00:00 UTC',
    record_source VARCHAR NOT NULL COMMENT 'source system and table the row came from (RETAIL.<TABLE>)',
    CONSTRAINT hub_transaction_pk PRIMARY KEY (hub_transaction_hk)
) COMMENT = 'Hub: one row per transaction_id ever seen (from transactions); insert-only.';

CREATE TABLE hub_promotion (
    hub_promotion_hk CHAR(32) NOT NULL COMMENT 'hash key of the standardised promotion_id: MD5 digest as 32 uppercase hex characters, automatedv profile',
    promotion_id VARCHAR NOT NULL COMMENT 'business key, trimmed and upper-cased',
    load_date TIMESTAMP_TZ NOT NULL COMMENT 'when the row was loaded: the batch''s business date at 00:00:00 UTC',
    record_source VARCHAR NOT NULL COMMENT 'source system and table the row came from (RETAIL.<TABLE>)',
    CONSTRAINT hub_promotion_pk PRIMARY KEY (hub_promotion_hk)
) COMMENT = 'Hub: one row per promotion_id ever seen (from promotions, product_promotions, transactions); insert-only.';

CREATE TABLE link_sales (
    link_sales_hk CHAR(32) NOT NULL COMMENT 'hash key of the combined hub business keys: MD5 digest as 32 uppercase hex characters, automatedv profile',
    hub_customer_hk CHAR(32) NOT NULL COMMENT 'hash key of hub_customer',
    hub_product_hk CHAR(32) NOT NULL COMMENT 'hash key of hub_product',
    hub_store_hk CHAR(32) NOT NULL COMMENT 'hash key of hub_store',
    hub_transaction_hk CHAR(32) NOT NULL COMMENT 'hash key of hub_transaction',
    hub_promotion_hk CHAR(32) NOT NULL COMMENT 'hash key of hub_promotion',
    load_date TIMESTAMP_TZ NOT NULL COMMENT 'when the row was loaded: the batch''s business date at 00:00:00 UTC',
    record_source VARCHAR NOT NULL COMMENT 'source system and table the row came from (RETAIL.<TABLE>)',
    CONSTRAINT link_sales_pk PRIMARY KEY (link_sales_hk)
) COMMENT = 'Link: one row per distinct combination of hub_customer, hub_product, hub_store, hub_transaction, hub_promotion; insert-only.';

CREATE TABLE link_product_promotion (
    link_product_promotion_hk CHAR(32) NOT NULL COMMENT 'hash key of the combined hub business keys: MD5 digest as 32 uppercase hex characters, automatedv profile',
    hub_product_hk CHAR(32) NOT NULL COMMENT 'hash key of hub_product',
    hub_promotion_hk CHAR(32) NOT NULL COMMENT 'hash key of hub_promotion',
    load_date TIMESTAMP_TZ NOT NULL COMMENT 'when the row was loaded: the batch''s business date at 00:00:00 UTC',
    record_source VARCHAR NOT NULL COMMENT 'source system and table the row came from (RETAIL.<TABLE>)',
    CONSTRAINT link_product_promotion_pk PRIMARY KEY (link_product_promotion_hk)
) COMMENT = 'Link: one row per distinct combination of hub_product, hub_promotion; insert-only.';

CREATE TABLE sat_customer_details (
    hub_customer_hk CHAR(32) NOT NULL COMMENT 'hash key of the parent hub_customer',
    load_date TIMESTAMP_TZ NOT NULL COMMENT 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the version is in force until the next version''s load_date',
    hash_diff CHAR(32) NOT NULL COMMENT 'hash of the payload columns (change detection): MD5 digest as 32 uppercase hex characters, automatedv profile',
    record_source VARCHAR NOT NULL COMMENT 'source system and table the row came from (RETAIL.<TABLE>)',
    first_name VARCHAR COMMENT 'from customers.first_name',
    last_name VARCHAR COMMENT 'from customers.last_name',
    birth_date DATE COMMENT 'from customers.birth_date',
    gender VARCHAR COMMENT 'from customers.gender',
    customer_segment VARCHAR COMMENT 'from customers.customer_segment',
    registration_date DATE COMMENT 'from customers.registration_date',
    CONSTRAINT sat_customer_details_pk PRIMARY KEY (hub_customer_hk, load_date)
) COMMENT = 'Satellite of hub_customer from customers: insert-only versions, a new row when the hash_diff differs from the version in force. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';

CREATE TABLE sat_customer_contact (
    hub_customer_hk CHAR(32) NOT NULL COMMENT 'hash key of the parent hub_customer',
    load_date TIMESTAMP_TZ NOT NULL COMMENT 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the version is in force until the next version''s load_date',
    hash_diff CHAR(32) NOT NULL COMMENT 'hash of the payload columns (change detection): MD5 digest as 32 uppercase hex characters, automatedv profile',
    record_source VARCHAR NOT NULL COMMENT 'source system and table the row came from (RETAIL.<TABLE>)',
    email VARCHAR COMMENT 'from customers.email',
    phone VARCHAR COMMENT 'from customers.phone',
    address VARCHAR COMMENT 'from customers.address',
    city VARCHAR COMMENT 'from customers.city',
    state VARCHAR COMMENT 'from customers.state',
    country VARCHAR COMMENT 'from customers.country',
    postal_code VARCHAR COMMENT 'from customers.postal_code',
    CONSTRAINT sat_customer_contact_pk PRIMARY KEY (hub_customer_hk, load_date)
) COMMENT = 'Satellite of hub_customer from customers: insert-only versions, a new row when the hash_diff differs from the version in force. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';

CREATE TABLE sat_product_details (
    hub_product_hk CHAR(32) NOT NULL COMMENT 'hash key of the parent hub_product',
    load_date TIMESTAMP_TZ NOT NULL COMMENT 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the version is in force until the next version''s load_date',
    hash_diff CHAR(32) NOT NULL COMMENT 'hash of the payload columns (change detection): MD5 digest as 32 uppercase hex characters, automatedv profile',
    record_source VARCHAR NOT NULL COMMENT 'source system and table the row came from (RETAIL.<TABLE>)',
    product_name VARCHAR COMMENT 'from products.product_name',
    category VARCHAR COMMENT 'from products.category',
    subcategory VARCHAR COMMENT 'from products.subcategory',
    brand VARCHAR COMMENT 'from products.brand',
    supplier VARCHAR COMMENT 'from products.supplier',
    CONSTRAINT sat_product_details_pk PRIMARY KEY (hub_product_hk, load_date)
) COMMENT = 'Satellite of hub_product from products: insert-only versions, a new row when the hash_diff differs from the version in force. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';

CREATE TABLE sat_product_pricing (
    hub_product_hk CHAR(32) NOT NULL COMMENT 'hash key of the parent hub_product',
    load_date TIMESTAMP_TZ NOT NULL COMMENT 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the version is in force until the next version''s load_date',
    hash_diff CHAR(32) NOT NULL COMMENT 'hash of the payload columns (change detection): MD5 digest as 32 uppercase hex characters, automatedv profile',
    record_source VARCHAR NOT NULL COMMENT 'source system and table the row came from (RETAIL.<TABLE>)',
    unit_cost NUMBER(10,2) COMMENT 'from products.unit_cost',
    unit_price NUMBER(10,2) COMMENT 'from products.unit_price',
    currency VARCHAR COMMENT 'from products.currency',
    CONSTRAINT sat_product_pricing_pk PRIMARY KEY (hub_product_hk, load_date)
) COMMENT = 'Satellite of hub_product from products: insert-only versions, a new row when the hash_diff differs from the version in force. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';

CREATE TABLE sat_store_details (
    hub_store_hk CHAR(32) NOT NULL COMMENT 'hash key of the parent hub_store',
    load_date TIMESTAMP_TZ NOT NULL COMMENT 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the version is in force until the next version''s load_date',
    hash_diff CHAR(32) NOT NULL COMMENT 'hash of the payload columns (change detection): MD5 digest as 32 uppercase hex characters, automatedv profile',
    record_source VARCHAR NOT NULL COMMENT 'source system and table the row came from (RETAIL.<TABLE>)',
    store_name VARCHAR COMMENT 'from stores.store_name',
    store_type VARCHAR COMMENT 'from stores.store_type',
    manager VARCHAR COMMENT 'from stores.manager',
    address VARCHAR COMMENT 'from stores.address',
    city VARCHAR COMMENT 'from stores.city',
    state VARCHAR COMMENT 'from stores.state',
    country VARCHAR COMMENT 'from stores.country',
    postal_code VARCHAR COMMENT 'from stores.postal_code',
    phone VARCHAR COMMENT 'from stores.phone',
    open_date DATE COMMENT 'from stores.open_date',
    square_footage INTEGER COMMENT 'from stores.square_footage',
    number_of_employees INTEGER COMMENT 'from stores.number_of_employees',
    CONSTRAINT sat_store_details_pk PRIMARY KEY (hub_store_hk, load_date)
) COMMENT = 'Satellite of hub_store from stores: insert-only versions, a new row when the hash_diff differs from the version in force. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';

CREATE TABLE sat_transaction_details (
    hub_transaction_hk CHAR(32) NOT NULL COMMENT 'hash key of the parent hub_transaction',
    load_date TIMESTAMP_TZ NOT NULL COMMENT 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the version is in force until the next version''s load_date',
    hash_diff CHAR(32) NOT NULL COMMENT 'hash of the payload columns (change detection): MD5 digest as 32 uppercase hex characters, automatedv profile',
    record_source VARCHAR NOT NULL COMMENT 'source system and table the row came from (RETAIL.<TABLE>)',
    transaction_date DATE COMMENT 'from transactions.transaction_date',
    transaction_time TIME COMMENT 'from transactions.transaction_time',
    payment_method VARCHAR COMMENT 'from transactions.payment_method',
    CONSTRAINT sat_transaction_details_pk PRIMARY KEY (hub_transaction_hk, load_date)
) COMMENT = 'Satellite of hub_transaction from transactions: insert-only versions, a new row when the hash_diff differs from the version in force. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';

CREATE TABLE sat_promotion_details (
    hub_promotion_hk CHAR(32) NOT NULL COMMENT 'hash key of the parent hub_promotion',
    load_date TIMESTAMP_TZ NOT NULL COMMENT 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the version is in force until the next version''s load_date',
    hash_diff CHAR(32) NOT NULL COMMENT 'hash of the payload columns (change detection): MD5 digest as 32 uppercase hex characters, automatedv profile',
    record_source VARCHAR NOT NULL COMMENT 'source system and table the row came from (RETAIL.<TABLE>)',
    promotion_name VARCHAR COMMENT 'from promotions.promotion_name',
    promotion_type VARCHAR COMMENT 'from promotions.promotion_type',
    discount_percentage NUMBER(5,2) COMMENT 'from promotions.discount_percentage',
    start_date DATE COMMENT 'from promotions.start_date',
    end_date DATE COMMENT 'from promotions.end_date',
    description VARCHAR COMMENT 'from promotions.description',
    CONSTRAINT sat_promotion_details_pk PRIMARY KEY (hub_promotion_hk, load_date)
) COMMENT = 'Satellite of hub_promotion from promotions: insert-only versions, a new row when the hash_diff differs from the version in force. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';

CREATE TABLE sat_sales_metrics (
    link_sales_hk CHAR(32) NOT NULL COMMENT 'hash key of the parent link_sales',
    load_date TIMESTAMP_TZ NOT NULL COMMENT 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the version is in force until the next version''s load_date',
    hash_diff CHAR(32) NOT NULL COMMENT 'hash of the payload columns (change detection): MD5 digest as 32 uppercase hex characters, automatedv profile',
    record_source VARCHAR NOT NULL COMMENT 'source system and table the row came from (RETAIL.<TABLE>)',
    line_item_number INTEGER COMMENT 'from transactions.line_item_number',
    quantity INTEGER COMMENT 'from transactions.quantity',
    unit_price NUMBER(10,2) COMMENT 'from transactions.unit_price',
    discount_amount NUMBER(10,2) COMMENT 'from transactions.discount_amount',
    tax_amount NUMBER(10,2) COMMENT 'from transactions.tax_amount',
    total_amount NUMBER(10,2) COMMENT 'unit_price * quantity - discount_amount + tax_amount',
    cost NUMBER(10,2) COMMENT 'unit_cost of the product pricing in force * quantity',
    profit NUMBER(10,2) COMMENT 'total_amount - cost',
    CONSTRAINT sat_sales_metrics_pk PRIMARY KEY (link_sales_hk, load_date)
) COMMENT = 'Satellite of link_sales from transactions: insert-only versions, a new row when the hash_diff differs from the version in force. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';

CREATE TABLE sat_customer_phone_ma (
    hub_customer_hk CHAR(32) NOT NULL COMMENT 'hash key of the parent hub_customer',
    load_date TIMESTAMP_TZ NOT NULL COMMENT 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the group of rows with this load_date is in force until the key''s next load_date',
    hash_diff CHAR(32) NOT NULL COMMENT 'hash of phone_type and phone_number (change detection): MD5 digest as 32 uppercase hex characters, automatedv profile',
    record_source VARCHAR NOT NULL COMMENT 'source system and table the row came from (RETAIL.<TABLE>)',
    phone_type VARCHAR COMMENT 'child-dependent key (mobile, home, work), from customer_phones.phone_type; NULL only in the ghost record',
    phone_number VARCHAR COMMENT 'from customer_phones.phone_number',
    CONSTRAINT sat_customer_phone_ma_key UNIQUE (hub_customer_hk, load_date, phone_type)
) COMMENT = 'Multi-active satellite of hub_customer from customer_phones: per key a group of rows in force at once, one per phone_type; the whole group is inserted again when any member or the member count changes. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';

CREATE TABLE sat_product_promotion_eff (
    link_product_promotion_hk CHAR(32) NOT NULL COMMENT 'hash key of the parent link_product_promotion',
    load_date TIMESTAMP_TZ NOT NULL COMMENT 'when the row was loaded: the batch''s business date at 00:00:00 UTC; the version is in force until the link''s next load_date',
    hub_product_hk CHAR(32) NOT NULL COMMENT 'hash key of hub_product, the driving key',
    hub_promotion_hk CHAR(32) NOT NULL COMMENT 'hash key of hub_promotion',
    start_date DATE COMMENT 'from product_promotions.start_date',
    end_date DATE COMMENT 'from product_promotions.end_date; 9999-12-31 while open; the start_date of the driving key''s new link when that link ended this one',
    record_source VARCHAR NOT NULL COMMENT 'source system and table the row came from (RETAIL.<TABLE>)',
    CONSTRAINT sat_product_promotion_eff_pk PRIMARY KEY (link_product_promotion_hk, load_date)
) COMMENT = 'Effectivity satellite of link_product_promotion from product_promotions: when each link starts and ends; a new version when its dates change, and a closing version for the other open links of a driving key (hub_product) that opens a link. The first row is the ghost record (zero keys and hash_diff, load_date 1900-01-01 00:00:00, record_source AUTOMATE_DV_SYSTEM, NULL payload) that point-in-time tables reference where no version is in force.';

CREATE TABLE pit_customer (
    hub_customer_hk CHAR(32) NOT NULL COMMENT 'hash key of hub_customer',
    snapshot_date DATE NOT NULL COMMENT 'snapshot date (--pit-from to --pit-to every --pit-grain; by default every loaded business date)',
    sat_customer_details_hk CHAR(32) NOT NULL COMMENT 'parent key of the sat_customer_details version in force on snapshot_date (the ghost record''s zero key when none is)',
    sat_customer_details_load_date TIMESTAMP_TZ NOT NULL COMMENT 'load_date of that version (1900-01-01 00:00:00 for the ghost)',
    sat_customer_contact_hk CHAR(32) NOT NULL COMMENT 'parent key of the sat_customer_contact version in force on snapshot_date (the ghost record''s zero key when none is)',
    sat_customer_contact_load_date TIMESTAMP_TZ NOT NULL COMMENT 'load_date of that version (1900-01-01 00:00:00 for the ghost)',
    CONSTRAINT pit_customer_pk PRIMARY KEY (hub_customer_hk, snapshot_date)
) COMMENT = 'Point-in-time table over hub_customer: per hub key and snapshot date, the version of sat_customer_details and sat_customer_contact in force (the latest loaded on or before the date).';

CREATE TABLE pit_product (
    hub_product_hk CHAR(32) NOT NULL COMMENT 'hash key of hub_product',
    snapshot_date DATE NOT NULL COMMENT 'snapshot date (--pit-from to --pit-to every --pit-grain; by default every loaded business date)',
    sat_product_details_hk CHAR(32) NOT NULL COMMENT 'parent key of the sat_product_details version in force on snapshot_date (the ghost record''s zero key when none is)',
    sat_product_details_load_date TIMESTAMP_TZ NOT NULL COMMENT 'load_date of that version (1900-01-01 00:00:00 for the ghost)',
    sat_product_pricing_hk CHAR(32) NOT NULL COMMENT 'parent key of the sat_product_pricing version in force on snapshot_date (the ghost record''s zero key when none is)',
    sat_product_pricing_load_date TIMESTAMP_TZ NOT NULL COMMENT 'load_date of that version (1900-01-01 00:00:00 for the ghost)',
    CONSTRAINT pit_product_pk PRIMARY KEY (hub_product_hk, snapshot_date)
) COMMENT = 'Point-in-time table over hub_product: per hub key and snapshot date, the version of sat_product_details and sat_product_pricing in force (the latest loaded on or before the date).';

CREATE TABLE bridge_customer_product (
    hub_customer_hk CHAR(32) NOT NULL COMMENT 'hash key of hub_customer',
    snapshot_date DATE NOT NULL COMMENT 'snapshot date (--pit-from to --pit-to every --pit-grain; by default every loaded business date)',
    link_sales_hk CHAR(32) NOT NULL COMMENT 'hash key of the link_sales row',
    hub_product_hk CHAR(32) NOT NULL COMMENT 'hash key of hub_product',
    CONSTRAINT bridge_customer_product_pk PRIMARY KEY (hub_customer_hk, snapshot_date, link_sales_hk)
) COMMENT = 'Bridge from hub_customer through link_sales to hub_product: per snapshot date, every link_sales row loaded on or before it.';

CREATE TABLE etl_batch_log (
    batch_id INTEGER NOT NULL COMMENT 'batch number, 0 for the initial full extract',
    load_date TIMESTAMP_TZ NOT NULL COMMENT 'when the row was loaded: the batch''s business date at 00:00:00 UTC',
    table_name VARCHAR NOT NULL COMMENT 'vault table',
    rows_in BIGINT COMMENT 'source rows offered to the table',
    rows_inserted BIGINT COMMENT 'rows inserted',
    rows_rejected BIGINT COMMENT 'rows with a NULL key (not loaded)',
    rows_duplicate BIGINT COMMENT 'rows identical to an earlier row of the batch',
    rows_superseded BIGINT COMMENT 'rows replaced by a later, different row of the same key in the batch',
    rows_unchanged BIGINT COMMENT 'keys already present, or satellite versions equal to the version in force',
    duration_us BIGINT COMMENT 'time spent loading the table, microseconds',
    CONSTRAINT etl_batch_log_pk PRIMARY KEY (batch_id, table_name)
) COMMENT = 'Batch log: per batch and vault table, what loading did.';
