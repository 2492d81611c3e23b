using Engagement.Engine.Serialization;
using Microsoft.Data.Sqlite;

namespace Engagement.Local.Storage;

/// <summary>
/// One connection and its current transaction, with a prepared <see cref="SqliteStatement"/> kept per SQL text (prepared once,
/// re-bound by name on every call, no command or reader objects per execution; rows are read through <see cref="SqliteRow"/>).
/// The stores bound to a session run every statement inside its transaction. Not thread-safe: one user at a time.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, SqliteStatement> _statements = new(StringComparer.Ordinal);

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

    /// <summary>A record's JSON for a protected column, sealed as <see cref="Seal"/> seals it, in a pooled buffer instead of a
    /// string: bind it as a statement's value once, and the statement releases it after binding.</summary>
    public PooledText SealJson<T>(T record) => SealJson(Protector, record);

    /// <summary>As <see cref="SealJson{T}(T)"/>, sealed with <paramref name="protector"/> (on a thread without a session: an
    /// ingest request prepares its events' stored form before the processor's group writes them).</summary>
    public static PooledText SealJson<T>(FieldProtector protector, T record)
    {
        ArgumentNullException.ThrowIfNull(protector);
        var json = EngineJson.SerializePooled(record);
        if (!protector.Encrypts)
        {
            return json;
        }

        try
        {
            json.Rewrite(protector.ProtectedLength(json.Span), protector, SealText);
            return json;
        }
        catch
        {
            json.Release();
            throw;
        }
    }

    private static readonly PooledText.Rewriter<FieldProtector> SealText = static (protector, text, sealedText) => protector.Protect(text, sealedText);

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

    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> args) => Prepare(sql).Execute(args);

    public object? Scalar(string sql, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        object? value = null;
        Prepare(sql).Read(args, ref value, static (SqliteRow r, ref object? v) =>
        {
            v = r.GetValue(0);
            return false;
        });
        return value is DBNull ? null : value;
    }

    public long Long(string sql, params ReadOnlySpan<(string Name, object? Value)> args) => Scalar(sql, args) is { } v ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : 0;

    public List<T> Query<T>(string sql, Func<SqliteRow, T> map, params ReadOnlySpan<(string Name, object? Value)> args) =>
        Query(sql, map, static (r, f) => f(r), args);

    /// <summary>As <see cref="Query{T}(string, Func{SqliteRow, T}, ReadOnlySpan{ValueTuple{string, object}})"/>, with
    /// <paramref name="state"/> handed to <paramref name="map"/>, so a static map needs no closure.</summary>
    public List<T> Query<TState, T>(string sql, TState state, Func<SqliteRow, TState, T> map, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        var reading = (List: new List<T>(), State: state, Map: map);
        Prepare(sql).Read(args, ref reading, static (SqliteRow r, ref (List<T> List, TState State, Func<SqliteRow, TState, T> Map) q) =>
        {
            q.List.Add(q.Map(r, q.State));
            return true;
        });
        return reading.List;
    }

    public bool TryFirst<T>(string sql, Func<SqliteRow, T> map, out T value, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        var reading = (Found: false, First: default(T)!, Map: map);
        Prepare(sql).Read(args, ref reading, static (SqliteRow r, ref (bool Found, T First, Func<SqliteRow, T> Map) q) =>
        {
            q.First = q.Map(r);
            q.Found = true;
            return false;
        });
        value = reading.First;
        return reading.Found;
    }

    public void Dispose()
    {
        Rollback();
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        Connection.Dispose();
    }

    private SqliteStatement Prepare(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = SqliteStatement.Prepare(Connection, sql);
            _statements[sql] = statement;
        }

        return statement;
    }
}
