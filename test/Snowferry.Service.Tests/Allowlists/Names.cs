using CsCheck;
using Snowferry.Service.Allowlists;

namespace Snowferry.Service.Tests.Allowlists;

/// <summary>Generated Snowflake names for the allowlists' properties: exact names full of the characters that matter.</summary>
internal static class Names
{
    /// <summary>A fixed seed, so a failure reproduces; change it to explore.</summary>
    public const string Seed = "0N0XIzNsQ0O2";

    /// <summary>Characters that mean something to a name, a pattern or a key, beside plain ones.</summary>
    private const string Tricky = "AaZz_$09.\"*/\\% -ÄÖ";

    /// <summary>An exact name (any text a quoted identifier can hold), 1 to 12 characters, mostly tricky ones.</summary>
    public static Gen<string> Exact { get; } = Gen.Frequency(
            (4, Gen.Char[Tricky]),
            (1, Gen.Char['\u00A0', '\uD7FF']))
        .Array[1, 12]
        .Select(chars => new string(chars));

    /// <summary>A table whose parts are <see cref="Exact"/> names, often alike so that near misses are tried.</summary>
    public static Gen<QualifiedTable> Table { get; } = Gen.Select(
        Gen.OneOf(Exact, Gen.OneOf("DB", "db", "D.B")),
        Gen.OneOf(Exact, Gen.OneOf("S", "s", "S*")),
        Gen.OneOf(Exact, Gen.OneOf("T", "t", "T.", "\"T\"")),
        (database, schema, name) => new QualifiedTable(database, schema, name));
}
