namespace Engagement.Engine.Integrations;

/// <summary>
/// What became of the elements of one integrator request, counted per element (not per engine event). Immutable.
/// </summary>
/// <param name="Accepted">Elements with at least one engine event taken for the first time.</param>
/// <param name="Duplicates">Elements whose every engine event had been taken before (a client retry): nothing happens twice.</param>
/// <param name="Ignored">Elements of a kind the engine does not use (Segment page, screen, group), per kind.</param>
/// <param name="Rejected">Elements refused, each kept with its reason.</param>
public sealed record InboundResult(int Accepted, int Duplicates, IReadOnlyDictionary<string, int> Ignored, IReadOnlyList<InboundRejection> Rejected)
{
    /// <summary>Ignored elements of every kind.</summary>
    public int IgnoredTotal => Ignored.Values.Sum();

    /// <summary>True when the request had elements and every one was refused: not to be answered as a success.</summary>
    public bool AllRejected => Rejected.Count > 0 && Accepted == 0 && Duplicates == 0 && IgnoredTotal == 0;

    /// <summary>Counts a translated request given, per element, how many of its events were new.</summary>
    public static InboundResult Count(IReadOnlyList<InboundItem> items, Func<InboundItem, int> newEvents)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(newEvents);
        int accepted = 0, duplicates = 0;
        var ignored = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var rejected = new List<InboundRejection>();
        foreach (var item in items)
        {
            if (item.IsRejected)
            {
                rejected.Add(new InboundRejection(item.Position, item.Field, item.Reason!, item.Id));
            }
            else if (item.Ignored is { } kind)
            {
                ignored[kind] = ignored.GetValueOrDefault(kind) + 1;
            }
            else if (newEvents(item) > 0)
            {
                accepted++;
            }
            else
            {
                duplicates++;
            }
        }

        return new InboundResult(accepted, duplicates, ignored, rejected);
    }
}
