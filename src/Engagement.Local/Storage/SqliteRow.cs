using System.Text;
using SQLitePCL;

namespace Engagement.Local.Storage;

/// <summary>
/// The current row of a <see cref="SqliteStatement"/> being read by <see cref="SqliteSession.Query{T}"/> or
/// <see cref="SqliteSession.TryFirst{T}"/>: the column accessors of <c>SqliteDataReader</c> that the stores use, read straight
/// from the native statement. Valid only inside the map callback; one instance per statement, reused row after row.
/// </summary>
internal sealed class SqliteRow
{
    private sqlite3_stmt? _statement;

    /// <summary>The statement whose current row this is (set by <see cref="SqliteStatement"/> while it reads).</summary>
    internal sqlite3_stmt Statement { set => _statement = value; }

    /// <summary>The number of columns.</summary>
    public int FieldCount => raw.sqlite3_column_count(Current);

    /// <summary>True when the column's value is SQL NULL.</summary>
    public bool IsDBNull(int ordinal) => raw.sqlite3_column_type(Current, ordinal) == raw.SQLITE_NULL;

    /// <summary>The column as text (SQLite's text form of a number); throws when it is NULL, as <c>SqliteDataReader</c> does.</summary>
    public string GetString(int ordinal)
    {
        var statement = Current;
        if (raw.sqlite3_column_type(statement, ordinal) == raw.SQLITE_NULL)
        {
            throw new InvalidOperationException($"The data is NULL at ordinal {ordinal}. This method can't be called on NULL values. Check using IsDBNull before calling.");
        }

        var bytes = raw.sqlite3_column_blob(statement, ordinal);
        return bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The column as a 64-bit integer (SQLite's conversion of other types).</summary>
    public long GetInt64(int ordinal) => raw.sqlite3_column_int64(Current, ordinal);

    /// <summary>The column as a 32-bit integer; throws <see cref="OverflowException"/> when it does not fit.</summary>
    public int GetInt32(int ordinal) => checked((int)GetInt64(ordinal));

    /// <summary>The column as a boolean (non-zero is true).</summary>
    public bool GetBoolean(int ordinal) => GetInt64(ordinal) != 0;

    /// <summary>The column as a double.</summary>
    public double GetDouble(int ordinal) => raw.sqlite3_column_double(Current, ordinal);

    /// <summary>The column as <c>SqliteDataReader.GetValue</c> returns it: long, double, string, byte[] or <see cref="DBNull"/>.</summary>
    public object GetValue(int ordinal) => raw.sqlite3_column_type(Current, ordinal) switch
    {
        raw.SQLITE_INTEGER => GetInt64(ordinal),
        raw.SQLITE_FLOAT => GetDouble(ordinal),
        raw.SQLITE_TEXT => GetString(ordinal),
        raw.SQLITE_BLOB => raw.sqlite3_column_blob(Current, ordinal).ToArray(),
        _ => DBNull.Value,
    };

    private sqlite3_stmt Current => _statement ?? throw new InvalidOperationException("no current row: a row is read only inside the map callback");
}
