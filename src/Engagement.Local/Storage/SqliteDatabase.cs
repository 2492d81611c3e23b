using Microsoft.Data.Sqlite;

namespace Engagement.Local.Storage;

/// <summary>
/// The embedded host's one SQLite file. Opening migrates it to the latest schema (<see cref="Migrations"/>). Every connection
/// runs in WAL mode with <c>synchronous=FULL</c> (see the remarks for the processor's), a 5 s busy timeout and <c>secure_delete=ON</c> (content an erasure
/// overwrites or deletes is zeroed in the file, not left in free space).
/// </summary>
/// <remarks>
/// Durability: with WAL and <c>synchronous=FULL</c> every commit is fsynced before it returns, so a committed transaction
/// survives both a process kill and a power loss or OS crash. The one exception is the stimulus processor's connection while
/// its loop runs: it commits with <c>NORMAL</c> and <see cref="WalSync"/> fsyncs the log on another thread, with everything
/// a commit makes visible outside held back until then (docs/embedded.md, Durability). (<c>NORMAL</c> alone could lose the
/// last commits on power loss after an outbox row was handed to SMTP, which would then be produced again.)
/// </remarks>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private volatile FieldProtector _protector;

    static SqliteDatabase() => SqliteLibrary.Configure();

    private SqliteDatabase(string path, FieldProtector protector)
    {
        _protector = protector;
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>Encrypts and decrypts the protected columns (<see cref="FieldProtector.Plaintext"/> without a key file).</summary>
    public FieldProtector Protector { get => _protector; internal set => _protector = value; }

    /// <summary>The schema version found when the file was opened (0 for a new file).</summary>
    public int VersionFound { get; private set; }

    /// <summary>Opens (creating when missing) and migrates the file up to <paramref name="targetVersion"/> (default: latest).</summary>
    public static SqliteDatabase Open(string path, int? targetVersion = null, FieldProtector? protector = null)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var database = new SqliteDatabase(path, protector ?? FieldProtector.Plaintext);
        using var connection = database.Connect();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        database.VersionFound = Migrations.Apply(connection, targetVersion);
        return database;
    }

    /// <summary>Opens an existing file for queries (<c>engage status</c>, <c>engage outbox</c>); throws when it does not exist.</summary>
    public static SqliteDatabase OpenExisting(string path, FieldProtector? protector = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{System.IO.Path.GetFullPath(path)}: no such database (run engage serve first)", path);
        }

        return Open(path, protector: protector);
    }

    /// <summary>A new session on its own connection, with this file's protector.</summary>
    internal SqliteSession Session() => new(Connect(), this);

    /// <summary>A new open connection with the pragmas set; the caller disposes it.</summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -16000; PRAGMA temp_store = MEMORY; PRAGMA secure_delete = ON;";
        pragmas.ExecuteNonQuery();
        return connection;
    }
}
