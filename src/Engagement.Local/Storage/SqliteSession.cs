using Microsoft.Data.Sqlite;

namespace Engagement.Local.Storage;

/// <summary>
/// One connection and its current transaction, with prepared commands kept per SQL text (SQLite statements are prepared once
/// and re-bound; a command called again with the same parameter names keeps its parameter objects and takes the new values). The stores bound to a session run every statement inside its transaction. Not thread-safe: one user at a time.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    private readonly SqliteDatabase? _database;

    public SqliteSession(SqliteConnection connection, SqliteDatabase? database = null)
    {
        Connection = connection;
        _database = database;
    }

    /// <summary>Encrypts the protected columns written and decrypts those read (docs/security.md): the database's current one,
    /// so a key rotation reaches sessions that are already open.</summary>
    public FieldProtector Protector => _database?.Protector ?? FieldProtector.Plaintext;

    /// <summary>A protected column's value to store (encrypted under the current key; as it is without a key).</summary>
    public string? Seal(string? plain) => Protector.Protect(plain);

    /// <summary>A protected column's stored value made readable.</summary>
    public string? Unseal(string? stored) => Protector.Unprotect(stored);

    /// <summary>A protected column's non-null stored value made readable.</summary>
    public string Open(string stored) => Protector.Unprotect(stored)!;

    public SqliteConnection Connection { get; }

    public SqliteTransaction? Transaction { get; private set; }

    /// <summary>Begins an IMMEDIATE transaction (takes the write lock now, so it cannot fail to upgrade later).</summary>
    public void Begin() => Transaction = Connection.BeginTransaction(deferred: false);

    /// <summary>Begins a DEFERRED transaction: a consistent snapshot for reads, and no write lock unless the session writes.</summary>
    public void BeginRead() => Transaction = Connection.BeginTransaction(deferred: true);

    public void Commit()
    {
        Transaction?.Commit();
        Transaction?.Dispose();
        Transaction = null;
    }

    public void Rollback()
    {
        if (Transaction is not null)
        {
            try
            {
                Transaction.Rollback();
            }
            finally
            {
                Transaction.Dispose();
                Transaction = null;
            }
        }
    }

    public int Execute(string sql, params (string Name, object? Value)[] args) => Prepare(sql, args).ExecuteNonQuery();

    public object? Scalar(string sql, params (string Name, object? Value)[] args)
    {
        var value = Prepare(sql, args).ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public long Long(string sql, params (string Name, object? Value)[] args) => Scalar(sql, args) is { } v ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : 0;

    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] args)
    {
        var list = new List<T>();
        using var reader = Prepare(sql, args).ExecuteReader();
        while (reader.Read())
        {
            list.Add(map(reader));
        }

        return list;
    }

    public bool TryFirst<T>(string sql, Func<SqliteDataReader, T> map, out T value, params (string Name, object? Value)[] args)
    {
        using var reader = Prepare(sql, args).ExecuteReader();
        if (reader.Read())
        {
            value = map(reader);
            return true;
        }

        value = default!;
        return false;
    }

    public void Dispose()
    {
        Rollback();
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }

    private SqliteCommand Prepare(string sql, (string Name, object? Value)[] args)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = Transaction;
        var parameters = command.Parameters;
        if (HasNames(parameters, args))
        {
            // The same statement with the same names (the usual case): new values in the parameters it already has. A value
            // set on a parameter binds exactly as a new parameter with that value would (its SQLite type is inferred at bind).
            for (var i = 0; i < args.Length; i++)
            {
                parameters[i].Value = args[i].Value ?? DBNull.Value;
            }

            return command;
        }

        parameters.Clear();
        foreach (var (name, value) in args)
        {
            parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static bool HasNames(SqliteParameterCollection parameters, (string Name, object? Value)[] args)
    {
        if (parameters.Count != args.Length)
        {
            return false;
        }

        for (var i = 0; i < args.Length; i++)
        {
            if (!string.Equals(parameters[i].ParameterName, args[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
