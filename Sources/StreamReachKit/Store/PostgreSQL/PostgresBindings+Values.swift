import PostgresNIO

extension PostgresBindings {
    /// `$1`, `$2`, … in order, for statements whose text is not a string literal (a table
    /// chosen at run time) or whose rows go as arrays.
    init(_ values: any PostgresNonThrowingEncodable...) {
        self.init(capacity: values.count)
        for value in values { append(value) }
    }
}
