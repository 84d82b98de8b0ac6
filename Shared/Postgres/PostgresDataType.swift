/// A PostgreSQL type, named by its OID, as sent with a parameter or read from a result column.
///
/// Only built-in types have fixed OIDs; a parameter typed `.unspecified` lets the server infer it.
public struct PostgresDataType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The type's OID (`pg_type.oid`).
    public let rawValue: UInt32

    /// The type with the given OID.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Let the server infer the parameter's type from its use.
    public static let unspecified = PostgresDataType(rawValue: 0)
    /// `bool`.
    public static let bool = PostgresDataType(rawValue: 16)
    /// `bytea`.
    public static let bytea = PostgresDataType(rawValue: 17)
    /// `name` (identifiers in the catalogs).
    public static let name = PostgresDataType(rawValue: 19)
    /// `int8` / `bigint`.
    public static let int8 = PostgresDataType(rawValue: 20)
    /// `int2` / `smallint`.
    public static let int2 = PostgresDataType(rawValue: 21)
    /// `int4` / `integer`.
    public static let int4 = PostgresDataType(rawValue: 23)
    /// `text`.
    public static let text = PostgresDataType(rawValue: 25)
    /// `oid`.
    public static let oid = PostgresDataType(rawValue: 26)
    /// `json`.
    public static let json = PostgresDataType(rawValue: 114)
    /// `float4` / `real`.
    public static let float4 = PostgresDataType(rawValue: 700)
    /// `float8` / `double precision`.
    public static let float8 = PostgresDataType(rawValue: 701)
    /// The type of an untyped literal.
    public static let unknown = PostgresDataType(rawValue: 705)
    /// `bool[]`.
    public static let boolArray = PostgresDataType(rawValue: 1000)
    /// `int2[]`.
    public static let int2Array = PostgresDataType(rawValue: 1005)
    /// `int4[]`.
    public static let int4Array = PostgresDataType(rawValue: 1007)
    /// `text[]`.
    public static let textArray = PostgresDataType(rawValue: 1009)
    /// `varchar[]`.
    public static let varcharArray = PostgresDataType(rawValue: 1015)
    /// `int8[]`.
    public static let int8Array = PostgresDataType(rawValue: 1016)
    /// `float8[]`.
    public static let float8Array = PostgresDataType(rawValue: 1022)
    /// `bpchar` / `char(n)`.
    public static let bpchar = PostgresDataType(rawValue: 1042)
    /// `varchar`.
    public static let varchar = PostgresDataType(rawValue: 1043)
    /// `date`.
    public static let date = PostgresDataType(rawValue: 1082)
    /// `timestamp` (without time zone).
    public static let timestamp = PostgresDataType(rawValue: 1114)
    /// `timestamptz`.
    public static let timestamptz = PostgresDataType(rawValue: 1184)
    /// `timestamptz[]`.
    public static let timestamptzArray = PostgresDataType(rawValue: 1185)
    /// `numeric`.
    public static let numeric = PostgresDataType(rawValue: 1700)
    /// `uuid`.
    public static let uuid = PostgresDataType(rawValue: 2950)
    /// `uuid[]`.
    public static let uuidArray = PostgresDataType(rawValue: 2951)
    /// `jsonb`.
    public static let jsonb = PostgresDataType(rawValue: 3802)

    public var description: String {
        switch self {
        case .bool: "bool"
        case .bytea: "bytea"
        case .name: "name"
        case .int8: "int8"
        case .int2: "int2"
        case .int4: "int4"
        case .text: "text"
        case .oid: "oid"
        case .json: "json"
        case .float4: "float4"
        case .float8: "float8"
        case .unknown: "unknown"
        case .boolArray: "bool[]"
        case .int2Array: "int2[]"
        case .int4Array: "int4[]"
        case .textArray: "text[]"
        case .varcharArray: "varchar[]"
        case .int8Array: "int8[]"
        case .float8Array: "float8[]"
        case .bpchar: "bpchar"
        case .varchar: "varchar"
        case .date: "date"
        case .timestamp: "timestamp"
        case .timestamptz: "timestamptz"
        case .timestamptzArray: "timestamptz[]"
        case .numeric: "numeric"
        case .uuid: "uuid"
        case .uuidArray: "uuid[]"
        case .jsonb: "jsonb"
        default: "oid \(rawValue)"
        }
    }
}
