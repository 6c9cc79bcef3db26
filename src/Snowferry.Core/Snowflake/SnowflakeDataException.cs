namespace Snowferry.Snowflake;

/// <summary>
/// A result from Snowflake could not be read: a cell that does not decode as its column's type, a partition whose row
/// count disagrees with <c>partitionInfo</c>, or a malformed body. Says where (partition, row, column), never the
/// value of a long cell.
/// </summary>
public sealed class SnowflakeDataException : SnowferryException
{
    /// <summary>Creates the exception.</summary>
    public SnowflakeDataException(
        string message,
        int partitionIndex,
        long? rowIndex = null,
        string? columnName = null,
        int? columnIndex = null,
        string? statementHandle = null,
        Exception? innerException = null)
        : base(message, innerException, isTransient: false)
    {
        PartitionIndex = partitionIndex;
        RowIndex = rowIndex;
        ColumnName = columnName;
        ColumnIndex = columnIndex;
        StatementHandle = statementHandle;
    }

    /// <summary>Zero-based partition of the result.</summary>
    public int PartitionIndex { get; }

    /// <summary>Zero-based row within the partition, when one row is at fault.</summary>
    public long? RowIndex { get; }

    /// <summary>Name of the column at fault.</summary>
    public string? ColumnName { get; }

    /// <summary>Zero-based ordinal of the column at fault.</summary>
    public int? ColumnIndex { get; }

    /// <summary>The statement whose result this is, when known.</summary>
    public string? StatementHandle { get; }
}
