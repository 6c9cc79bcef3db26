namespace Snowferry.Planning.Sql;

/// <summary>Checks that a function or type name is a bare upper-case keyword, so no caller can smuggle text into SQL.</summary>
internal static class SqlKeyword
{
    public static string Check(string name, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, paramName);
        if (!(name[0] is >= 'A' and <= 'Z') || name.Any(c => !(c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_')))
        {
            throw new ArgumentException($"'{name}' is not an upper-case SQL keyword.", paramName);
        }

        return name;
    }
}
