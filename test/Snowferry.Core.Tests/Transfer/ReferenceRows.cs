using static Snowferry.Tests.Transfer.ContractReference;

namespace Snowferry.Tests.Transfer;

/// <summary>The contract's expected rows for a table in the fixture's Snowflake, from a plain <c>SELECT *</c>.</summary>
internal static class ReferenceRows
{
    public static async Task<(List<object?[]> Expected, long SourceRows, long BlankRows)> ReferenceAsync(
        this TransferFixture fixture, string table, CancellationToken cancellationToken)
    {
        var (columns, rows) = await fixture.QueryAsync($"SELECT * FROM {table}", cancellationToken);
        var roles = columns.Select(c => DefaultRole(c.Type)).ToList();
        var types = columns.Select(c => c.Type).ToList();
        return (Expected(rows, types, roles), rows.Count, rows.Count(r => r.All(IsBlank)));
    }
}
