using System.Collections.Concurrent;
using Snowferry.LocalSnowflake.Engine;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>
/// Stands in for the engine behind the server's executor seam: each statement text maps to a canned result (or
/// error); every call is recorded with its context and token.
/// </summary>
internal sealed class CannedStatements
{
    private readonly ConcurrentDictionary<string, Func<EngineContext, CancellationToken, EngineResult>> _answers = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Statement, EngineContext Context, CancellationToken Token)> Executed { get; } = new();

    public static EngineColumn Id { get; } = new() { Name = "ID", Type = "fixed", Precision = 38, Scale = 0, Nullable = false };

    public static EngineColumn Name { get; } = new() { Name = "NAME", Type = "text", Length = 16_777_216, ByteLength = 16_777_216 };

    public void Add(string statement, Func<EngineContext, CancellationToken, EngineResult> answer) => _answers[statement] = answer;

    public void Add(string statement, IReadOnlyList<EngineColumn> columns, params string?[][] rows) =>
        Add(statement, (_, _) => new EngineResult(columns, rows));

    /// <summary>A lazily generated (ID, NAME) result of <paramref name="count"/> rows: ID = 1…count, NAME = "row i".</summary>
    public void AddRows(string statement, int count, Action<int>? onRow = null) =>
        Add(statement, (_, _) => new EngineResult([Id, Name], Generate(count, onRow)));

    public static IEnumerable<string?[]> Generate(int count, Action<int>? onRow = null)
    {
        for (var i = 1; i <= count; i++)
        {
            onRow?.Invoke(i);
            yield return [i.ToString(System.Globalization.CultureInfo.InvariantCulture), i % 7 == 0 ? null : "row " + i];
        }
    }

    public EngineResult Execute(string statement, EngineContext context, CancellationToken cancellationToken)
    {
        Executed.Enqueue((statement, context, cancellationToken));
        if (_answers.TryGetValue(statement.Trim(), out var answer))
        {
            return answer(context, cancellationToken);
        }

        throw new SnowflakeSqlException("001003", "42000", $"SQL compilation error:\nsyntax error line 1 at position 0 unexpected '{statement.Trim()}'.");
    }

    /// <summary>A plain split at semicolons: the canned statements hold none inside literals.</summary>
    public static IReadOnlyList<string> Split(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
