namespace Snowferry.Planning;

/// <summary>What was wrong with a table name, a column option or the table itself; one value per kind of refusal.</summary>
public enum PlanErrorCode
{
    /// <summary>A table or column name does not follow Snowflake's identifier rules.</summary>
    InvalidIdentifier,

    /// <summary>The table is unqualified and the connection names no default database or schema.</summary>
    MissingDefaultContext,

    /// <summary>The table does not exist or the role cannot see it.</summary>
    TableNotFound,

    /// <summary>An option names a column the table does not have.</summary>
    UnknownColumn,

    /// <summary>Two options give the same column different roles.</summary>
    ConflictingRoles,

    /// <summary>No column can be the month: the table has no DATE/TIMESTAMP column and none was named.</summary>
    NoMonthColumn,

    /// <summary>A month option names a column that holds no date or timestamp.</summary>
    NotTemporal,

    /// <summary>An epoch option names a column that holds no number.</summary>
    NotNumeric,

    /// <summary>A kept column has a type snowferry cannot aggregate or write (GEOGRAPHY, VECTOR, ...).</summary>
    UnsupportedType,

    /// <summary>Every column was dropped: nothing would be written.</summary>
    NoColumns,
}
