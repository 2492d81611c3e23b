namespace Engagement.Local.Storage;

/// <summary>
/// A read cache for rows only the stimulus processor writes: values written in the current group sit in an overlay until the
/// group commits (then they join the committed values) or rolls back (then they are dropped), so the cache never holds
/// anything the database does not. Absent rows are cached as null. Bounded: cleared when it grows past its capacity.
/// </summary>
internal sealed class GroupCache<TValue>(int capacity)
    where TValue : class
{
    private readonly Dictionary<string, TValue?> _committed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TValue?> _overlay = new(StringComparer.Ordinal);

    /// <summary>The cached value (this group's write first, else the committed one); true also for a cached absent row
    /// (<paramref name="value"/> null), false when the key is not cached.</summary>
    public bool TryGet(string key, out TValue? value) => _overlay.TryGetValue(key, out value) || _committed.TryGetValue(key, out value);

    /// <summary>A value written in this group.</summary>
    public void Set(string key, TValue? value) => _overlay[key] = value;

    /// <summary>A value read from the database (committed, since this group did not write it).</summary>
    public void Loaded(string key, TValue? value)
    {
        if (!_overlay.ContainsKey(key))
        {
            if (_committed.Count >= capacity)
            {
                _committed.Clear();
            }

            _committed[key] = value;
        }
    }

    /// <summary>The group committed: its writes join the committed values (all cleared when past capacity).</summary>
    public void Commit()
    {
        foreach (var (key, value) in _overlay)
        {
            _committed[key] = value;
        }

        _overlay.Clear();
        if (_committed.Count > capacity)
        {
            _committed.Clear();
        }
    }

    /// <summary>The group rolled back: its writes are dropped.</summary>
    public void Rollback() => _overlay.Clear();

    /// <summary>Forgets every value, committed or written in this group.</summary>
    public void Clear()
    {
        _overlay.Clear();
        _committed.Clear();
    }
}
