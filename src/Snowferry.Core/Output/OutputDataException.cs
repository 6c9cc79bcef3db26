namespace Snowferry.Output;

/// <summary>
/// A writer could not write what it was given: a batch whose columns disagree with the output schema, or a value the
/// format cannot hold (a timestamp beyond Parquet nanoseconds, a decimal beyond its declared precision). Says where
/// (row of the output, column), never the value.
/// </summary>
public sealed class OutputDataException : SnowferryException
{
    /// <summary>Creates the exception.</summary>
    public OutputDataException(string message, string? columnName = null, int? columnIndex = null, long? rowIndex = null, Exception? innerException = null)
        : base(message, innerException, isTransient: false)
    {
        ColumnName = columnName;
        ColumnIndex = columnIndex;
        RowIndex = rowIndex;
    }

    /// <summary>Name of the column at fault, when one is.</summary>
    public string? ColumnName { get; }

    /// <summary>Zero-based ordinal of the column at fault, when one is.</summary>
    public int? ColumnIndex { get; }

    /// <summary>Zero-based row of the output file at fault, when one is.</summary>
    public long? RowIndex { get; }
}
