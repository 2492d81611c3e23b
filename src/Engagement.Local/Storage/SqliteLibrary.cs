using SQLitePCL;

namespace Engagement.Local.Storage;

/// <summary>
/// Process-wide settings of the SQLite library, applied once before the first connection opens: memory statistics off
/// (<c>SQLITE_CONFIG_MEMSTATUS</c> 0), so SQLite's allocator does not take a global mutex around every allocation and free —
/// the embedded host never reads those statistics. SQLite accepts the setting only before it initializes; when something
/// else in the process opened a connection first, the library keeps its defaults and everything works as before.
/// </summary>
internal static class SqliteLibrary
{
    private static int _configured;

    /// <summary>The result SQLite gave the setting (0 = applied; 21 = refused, the library was initialized already), or
    /// null before <see cref="Configure"/> ran.</summary>
    public static int? MemoryStatisticsResult { get; private set; }

    /// <summary>Applies the settings once; later calls do nothing.</summary>
    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1)
        {
            return;
        }

        Batteries_V2.Init();
        MemoryStatisticsResult = raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);
    }
}
