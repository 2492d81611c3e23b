using System.Buffers;
using System.Diagnostics;
using System.Text;
using Engagement.Engine.Serialization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Engagement.Local.Storage;

/// <summary>
/// One SQL text prepared once on a connection and run again and again with new values: the native statements
/// (<c>sqlite3_stmt</c>, one per statement in the text) bound by parameter name, stepped and reset, without the
/// <c>SqliteCommand</c> / <c>SqliteDataReader</c> objects Microsoft.Data.Sqlite creates for every execution. Behaves as
/// <c>SqliteCommand</c> does where the stores can tell: the same values bind to the same SQLite types, a busy or locked
/// database is retried until the command timeout, errors are <see cref="SqliteException"/> with SQLite's message and codes,
/// a parameter the SQL names but the call does not give is an error, the rows-affected count of <c>ExecuteNonQuery</c>.
/// Not thread-safe; not re-entrant (a map callback may not run the same statement).
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private const int CommandTimeoutMs = 30_000;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt[] _statements;
    private readonly bool[] _readOnly;
    private readonly SqliteRow _row = new();
    private string[] _names = [];
    private int[][] _indexes;
    private bool _running;

    private SqliteStatement(sqlite3 db, sqlite3_stmt[] statements)
    {
        _db = db;
        _statements = statements;
        _readOnly = statements.Select(s => raw.sqlite3_stmt_readonly(s) != 0).ToArray();
        _indexes = new int[statements.Length][];
    }

    /// <summary>Prepares every statement of <paramref name="sql"/> on the connection; throws <see cref="SqliteException"/>
    /// when SQLite refuses one (nothing stays prepared then).</summary>
    public static SqliteStatement Prepare(SqliteConnection connection, string sql)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        var prepared = new List<sqlite3_stmt>();
        ReadOnlySpan<byte> rest = Encoding.UTF8.GetBytes(sql);
        try
        {
            while (!rest.IsEmpty)
            {
                var rc = raw.sqlite3_prepare_v2(db, rest, out var statement, out var tail);
                if (rc != raw.SQLITE_OK)
                {
                    statement?.Dispose();
                    SqliteException.ThrowExceptionForRC(rc, db);
                }

                if (statement is not null && !statement.IsInvalid && statement.DangerousGetHandle() != IntPtr.Zero)
                {
                    prepared.Add(statement);
                }
                else
                {
                    statement?.Dispose();
                }

                rest = tail;
            }
        }
        catch
        {
            prepared.ForEach(s => s.Dispose());
            throw;
        }

        return new SqliteStatement(db, [.. prepared]);
    }

    /// <summary>Runs every statement to its end (rows of a query are stepped over) and returns the rows inserted, updated or
    /// deleted by the statements that write, or -1 when none writes (as <c>ExecuteNonQuery</c>).</summary>
    public int Execute(ReadOnlySpan<(string Name, object? Value)> args)
    {
        Enter(args);
        try
        {
            var changes = -1;
            for (var k = 0; k < _statements.Length; k++)
            {
                var statement = _statements[k];
                while (Step(statement) == raw.SQLITE_ROW)
                {
                }

                if (!_readOnly[k])
                {
                    changes = Math.Max(changes, 0) + raw.sqlite3_changes(_db);
                }
            }

            return changes;
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>Reads one row into <paramref name="state"/>; false stops the reading.</summary>
    /// <typeparam name="TState">What the reading fills in (a value, a list), passed by reference so no closure is needed.</typeparam>
    public delegate bool RowReader<TState>(SqliteRow row, ref TState state);

    /// <summary>Runs every statement and calls <paramref name="row"/> for each row of those that return rows, in order, until
    /// it returns false (the remaining statements still run, as a reader's disposal runs them).</summary>
    public void Read(ReadOnlySpan<(string Name, object? Value)> args, Func<SqliteRow, bool> row) =>
        Read(args, ref row, static (SqliteRow r, ref Func<SqliteRow, bool> f) => f(r));

    /// <summary>As <see cref="Read(ReadOnlySpan{ValueTuple{string, object}}, Func{SqliteRow, bool})"/>, with
    /// <paramref name="state"/> handed to every call of <paramref name="row"/> by reference: a static callback then reads
    /// rows without a closure allocated for each execution.</summary>
    public void Read<TState>(ReadOnlySpan<(string Name, object? Value)> args, ref TState state, RowReader<TState> row)
    {
        Enter(args);
        try
        {
            var more = true;
            foreach (var statement in _statements)
            {
                _row.Statement = statement;
                while (Step(statement) == raw.SQLITE_ROW)
                {
                    if (more && raw.sqlite3_column_count(statement) > 0)
                    {
                        more = row(_row, ref state);
                    }
                }
            }
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>Finalizes the native statements.</summary>
    public void Dispose()
    {
        foreach (var statement in _statements)
        {
            statement.Dispose();
        }
    }

    private void Enter(ReadOnlySpan<(string Name, object? Value)> args)
    {
        if (_running)
        {
            throw new InvalidOperationException("the statement is already running (a map callback ran the same SQL again)");
        }

        _running = true;
        try
        {
            Bind(args);
        }
        catch
        {
            Leave();
            throw;
        }
    }

    private void Leave()
    {
        foreach (var statement in _statements)
        {
            raw.sqlite3_reset(statement);
        }

        _running = false;
    }

    private int Step(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        if (rc is raw.SQLITE_ROW or raw.SQLITE_DONE)
        {
            return rc;
        }

        var timer = Stopwatch.StartNew();
        while (IsBusy(rc) && timer.ElapsedMilliseconds < CommandTimeoutMs)
        {
            raw.sqlite3_reset(statement);
            Thread.Sleep(150);
            rc = raw.sqlite3_step(statement);
        }

        if (rc is not (raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return rc;
    }

    private static bool IsBusy(int rc) => rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED or raw.SQLITE_LOCKED_SHAREDCACHE;

    /// <summary>Binds every argument to every statement that names it; pooled text (<see cref="PooledText"/>) is released
    /// afterwards, bound or not (SQLite copies what it binds).</summary>
    private void Bind(ReadOnlySpan<(string Name, object? Value)> args)
    {
        try
        {
            if (!SameNames(args))
            {
                Index(args);
            }

            for (var k = 0; k < _statements.Length; k++)
            {
                var indexes = _indexes[k];
                for (var i = 0; i < args.Length; i++)
                {
                    if (indexes[i] > 0)
                    {
                        Check(BindValue(_statements[k], indexes[i], args[i].Value));
                    }
                }
            }
        }
        finally
        {
            foreach (var (_, value) in args)
            {
                (value as PooledText)?.Release();
            }
        }
    }

    private bool SameNames(ReadOnlySpan<(string Name, object? Value)> args)
    {
        if (_names.Length != args.Length)
        {
            return false;
        }

        for (var i = 0; i < args.Length; i++)
        {
            if (!ReferenceEquals(_names[i], args[i].Name) && !string.Equals(_names[i], args[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Finds each argument's parameter index in each statement and checks that every parameter gets a value.</summary>
    private void Index(ReadOnlySpan<(string Name, object? Value)> args)
    {
        var names = new string[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            names[i] = args[i].Name;
        }

        var indexes = new int[_statements.Length][];
        for (var k = 0; k < _statements.Length; k++)
        {
            var statement = _statements[k];
            indexes[k] = names.Select(n => ParameterIndex(statement, n)).ToArray();
            var count = raw.sqlite3_bind_parameter_count(statement);
            var missing = Enumerable.Range(1, count).Where(p => !indexes[k].Contains(p)).Select(p => raw.sqlite3_bind_parameter_name(statement, p).utf8_to_string()).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOperationException($"Must add values for the following parameters: {string.Join(", ", missing)}");
            }
        }

        _indexes = indexes;
        _names = names;
    }

    private static int ParameterIndex(sqlite3_stmt statement, string name)
    {
        var index = raw.sqlite3_bind_parameter_index(statement, name);
        if (index > 0 || name.Length == 0 || name[0] is '$' or ':' or '@')
        {
            return index;
        }

        foreach (var prefix in (ReadOnlySpan<string>)["$", ":", "@"])
        {
            index = raw.sqlite3_bind_parameter_index(statement, prefix + name);
            if (index > 0)
            {
                return index;
            }
        }

        return 0;
    }

    /// <summary>Binds as Microsoft.Data.Sqlite binds the same CLR value (integers and booleans as INTEGER, floating point as
    /// REAL, text as TEXT, bytes as BLOB, null as NULL).</summary>
    private static int BindValue(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        string text => BindText(statement, index, text),
        PooledText text => BindText(statement, index, text.Span),
        long n => raw.sqlite3_bind_int64(statement, index, n),
        int n => raw.sqlite3_bind_int64(statement, index, n),
        bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
        double d => raw.sqlite3_bind_double(statement, index, d),
        float f => raw.sqlite3_bind_double(statement, index, f),
        short n => raw.sqlite3_bind_int64(statement, index, n),
        byte n => raw.sqlite3_bind_int64(statement, index, n),
        uint n => raw.sqlite3_bind_int64(statement, index, n),
        ulong n => raw.sqlite3_bind_int64(statement, index, checked((long)n)),
        char c => BindText(statement, index, c.ToString()),
        byte[] bytes => BindBlob(statement, index, bytes),
        ReadOnlyMemory<byte> memory => BindBlob(statement, index, memory.Span),
        Enum e => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"a parameter of type {value.GetType().Name} is not bound by the stores' statements (bind its text or number form)"),
    };

    private static int BindBlob(sqlite3_stmt statement, int index, ReadOnlySpan<byte> bytes) =>
        bytes.IsEmpty ? raw.sqlite3_bind_zeroblob(statement, index, 0) : raw.sqlite3_bind_blob(statement, index, bytes); // empty: a blob, not NULL

    private static int BindText(sqlite3_stmt statement, int index, ReadOnlySpan<char> text)
    {
        if (text.Length == 0)
        {
            return raw.sqlite3_bind_text(statement, index, string.Empty); // an empty span would bind a null pointer: NULL
        }

        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (length <= 1024)
        {
            Span<byte> buffer = stackalloc byte[length];
            var written = Encoding.UTF8.GetBytes(text, buffer);
            return raw.sqlite3_bind_text(statement, index, buffer[..written]);
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(text, rented);
            return raw.sqlite3_bind_text(statement, index, rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
