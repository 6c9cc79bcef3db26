using Snowferry.Output;
using Snowferry.Planning.Sql;

namespace Snowferry.Planning;

/// <summary>
/// What a transfer will do, fixed before any data is read: each source column's role, the output schema, and the
/// Snowflake statement that drops fully blank rows and aggregates by month. Made by
/// <see cref="Transfer.SnowferryDataSource.PlanAsync"/>.
/// </summary>
public sealed partial class TransferPlan
{
    /// <summary>
    /// Name of the hidden last column of <see cref="Sql"/>: the number of source rows in each output row's group
    /// (<c>COUNT(*)</c>), so the transfer learns the rows kept without a second scan. Writers write only the first
    /// <see cref="OutputSchema"/>.Count columns.
    /// </summary>
    public const string SourceRowsColumn = "_SNOWFERRY_SOURCE_ROWS";

    /// <summary>Name of the single column of <see cref="CountSql"/>: the table's total row count.</summary>
    public const string TotalRowsColumn = "_SNOWFERRY_TOTAL_ROWS";

    /// <summary>Name of the second column of <see cref="EstimateSql"/>: the approximate number of output rows.</summary>
    public const string EstimatedGroupsColumn = "_SNOWFERRY_GROUPS";

    internal TransferPlan(TableName table, TransferPlanOptions options, IReadOnlyList<PlannedColumn> columns)
    {
        Table = table;
        Options = options;
        Columns = columns;
        OutputSchema = columns.Where(c => c.Output is not null).Select(c => c.Output!).ToList();
        Statement = PlanSqlBuilder.Build(table, columns);
        Sql = SqlRenderer.Render(Statement);
        CountStatement = PlanSqlBuilder.Count(table);
        CountSql = SqlRenderer.Render(CountStatement);
        OutputStatement = PlanSqlBuilder.WithoutSourceRows(Statement, OutputSchema.Count);
        OutputSql = SqlRenderer.Render(OutputStatement);
        EstimateStatement = PlanSqlBuilder.Estimate(table, columns);
        EstimateSql = SqlRenderer.Render(EstimateStatement);
        Warnings = IdentifierColumns.Warnings(columns);
    }

    /// <summary>
    /// The transfer statement without the hidden <see cref="SourceRowsColumn"/>: exactly <see cref="OutputSchema"/>, in
    /// order, rows ordered as in <see cref="Statement"/>. What Snowflake writes itself when it unloads the result to S3.
    /// </summary>
    internal SqlSelect OutputStatement { get; }

    /// <summary><see cref="OutputStatement"/>'s text.</summary>
    public string OutputSql { get; }

    /// <summary>
    /// <c>SELECT COUNT(*) AS "_SNOWFERRY_TOTAL_ROWS", APPROX_COUNT_DISTINCT(month and key expressions) AS
    /// "_SNOWFERRY_GROUPS" FROM table</c>: one pass that sizes the output (the number of groups, ±~2%) before choosing
    /// how to move it. With no month or key column the output is one row and the second column is the constant 1.
    /// </summary>
    internal SqlSelect EstimateStatement { get; }

    /// <summary><see cref="EstimateStatement"/>'s text.</summary>
    public string EstimateSql { get; }

    /// <summary>The source table, fully qualified when planned through a connection.</summary>
    internal TableName Table { get; }

    /// <summary>The source table as Snowflake names it (<c>DATABASE.SCHEMA.TABLE</c> when planned through a connection).</summary>
    public string SourceTable => Table.ToString();

    /// <summary>The options the plan was made with.</summary>
    public TransferPlanOptions Options { get; }

    /// <summary>Every source column in the table's order, with its role and reason (dropped ones included).</summary>
    public IReadOnlyList<PlannedColumn> Columns { get; }

    /// <summary>
    /// What the plan does that is allowed but probably not meant (a summed identifier such as <c>O_ORDERKEY</c>), in
    /// column order, each naming the option that changes it. Empty when nothing looks off; never refuses the plan.
    /// </summary>
    public IReadOnlyList<PlanWarning> Warnings { get; }

    /// <summary>The written columns in order: the source's names and order, minus dropped columns, plus nothing.</summary>
    public IReadOnlyList<OutputColumn> OutputSchema { get; }

    /// <summary>The transfer statement as a tree.</summary>
    internal SqlSelect Statement { get; }

    /// <summary>
    /// The transfer statement's text: <see cref="OutputSchema"/> columns in order, then <see cref="SourceRowsColumn"/>
    /// (0-based index <see cref="SourceRowsOrdinal"/>); rows ordered by every month and key column, NULLs last.
    /// </summary>
    public string Sql { get; }

    /// <summary>0-based index of <see cref="SourceRowsColumn"/> in the result of <see cref="Sql"/>.</summary>
    public int SourceRowsOrdinal => OutputSchema.Count;

    /// <summary>The statement counting all rows of the table, blank ones included, as a tree.</summary>
    internal SqlSelect CountStatement { get; }

    /// <summary>
    /// <c>SELECT COUNT(*) AS "_SNOWFERRY_TOTAL_ROWS" FROM table</c>: blank rows dropped = this − the sum of
    /// <see cref="SourceRowsColumn"/> over the result (both read at nearly the same moment; a table changing between the
    /// two statements can skew the difference).
    /// </summary>
    public string CountSql { get; }

    /// <summary>The roles and the SQL, as <see cref="Describe"/> shows them.</summary>
    public override string ToString() => Describe();
}
