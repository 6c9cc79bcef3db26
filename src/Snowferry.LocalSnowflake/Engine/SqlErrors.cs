using System.Globalization;

namespace Snowferry.LocalSnowflake.Engine;

/// <summary>The errors Snowflake reports for the statements this engine refuses, worded and coded as Snowflake words them.</summary>
internal static class SqlErrors
{
    public static SnowflakeSqlException Syntax(int line, int column, string detail) =>
        new("001003", "42000", Invariant($"SQL compilation error:\nsyntax error line {line} at position {column} {detail}."));

    public static SnowflakeSqlException InvalidIdentifier(int line, int column, string name) =>
        new("000904", "42000", Invariant($"SQL compilation error: error line {line} at position {column}\ninvalid identifier '{name}'"));

    public static SnowflakeSqlException ObjectDoesNotExist(string name) =>
        new("002003", "42S02", $"SQL compilation error:\nObject '{name}' does not exist or not authorized.");

    public static SnowflakeSqlException TableDoesNotExist(string name) =>
        new("002003", "42S02", $"SQL compilation error:\nTable '{name}' does not exist or not authorized.");

    public static SnowflakeSqlException AlreadyExists(string name) =>
        new("002002", "42710", $"SQL compilation error:\nObject '{name}' already exists.");

    public static SnowflakeSqlException NotImplemented(string what) =>
        new("000002", "0A000", $"Unsupported feature '{what}': the local Snowflake does not implement it.");

    public static SnowflakeSqlException NotGroupBy(int line, int column, string expression) =>
        new("000979", "42601", Invariant($"SQL compilation error: error line {line} at position {column}\n{expression} is not a valid group by expression"));

    public static SnowflakeSqlException InvalidArgumentTypes(int line, int column, string function, string types) =>
        new("001044", "42P13", Invariant($"SQL compilation error: error line {line} at position {column}\nInvalid argument types for function '{function}': ({types})"));

    public static SnowflakeSqlException WrongArgumentCount(int line, int column, string function, int count) =>
        new("000938", "42601", Invariant($"SQL compilation error: error line {line} at position {column}\nnot enough arguments for function [{function}], expected other than {count}."));

    public static SnowflakeSqlException UnknownFunction(int line, int column, string function) =>
        new("002140", "42601", Invariant($"SQL compilation error: error line {line} at position {column}\nUnknown function {function}"));

    public static SnowflakeSqlException Compilation(int line, int column, string detail) =>
        new("002016", "42000", Invariant($"SQL compilation error: error line {line} at position {column}\n{detail}"));

    public static SnowflakeSqlException ColumnCountMismatch(int expected, int actual) =>
        new("002020", "21S01", Invariant($"SQL compilation error:\nInsert value list does not match column list expecting {expected} but got {actual}"));

    public static SnowflakeSqlException NumberOutOfRange() =>
        new("100046", "22003", "Number out of representable range");

    public static SnowflakeSqlException NumericNotRecognized(string value) =>
        new("100038", "22018", $"Numeric value '{value}' is not recognized");

    public static SnowflakeSqlException TimestampNotRecognized(string value) =>
        new("100035", "22007", $"Timestamp '{value}' is not recognized");

    public static SnowflakeSqlException DateNotRecognized(string value) =>
        new("100040", "22007", $"Date '{value}' is not recognized");

    public static SnowflakeSqlException BadBinding(int index, string type, string? value) =>
        new("100037", "22018", Invariant($"Bind variable {index} of type {type} has a value that cannot be read: '{value}'"));

    /// <summary>A request context naming no such object (in that exact case): the connectors' 390201 and its wording.</summary>
    public static SnowflakeSqlException ContextObjectMissing(string kind) =>
        new("390201", "08004", Invariant($"The requested {kind} does not exist or not authorized."));

    public static SnowflakeSqlException MissingBinding(int index) =>
        new("002049", "42601", Invariant($"SQL compilation error: Bind variable ? not set (position {index})."));

    public static SnowflakeSqlException Execution(string detail) =>
        new("100071", "22000", detail);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
