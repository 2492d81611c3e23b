using Microsoft.AspNetCore.Http;

namespace Engagement.Local.Http;

/// <summary>Counts a handler adds to its request's log line (<c>accepted=3 duplicates=0 rejected=1</c>); never values.</summary>
internal static class RequestCounts
{
    private const string Key = "engage.counts";

    public static void Set(HttpContext context, string counts) => context.Items[Key] = counts;

    /// <summary>The counts with a leading space, or nothing.</summary>
    public static string Get(HttpContext context) => context.Items.TryGetValue(Key, out var counts) && counts is string { Length: > 0 } text ? " " + text : "";
}
