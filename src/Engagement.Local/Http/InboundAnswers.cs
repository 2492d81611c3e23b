using System.Globalization;
using Engagement.Engine.Integrations;
using Microsoft.AspNetCore.Http;

namespace Engagement.Local.Http;

/// <summary>Shared by the CloudEvents and Segment routes: the log counts, and the 400 for a request whose every element was refused.</summary>
internal static class InboundAnswers
{
    public static void Count(HttpContext context, int elements, InboundResult result) =>
        RequestCounts.Set(context, string.Create(CultureInfo.InvariantCulture,
            $"elements={elements} accepted={result.Accepted} duplicates={result.Duplicates} ignored={result.IgnoredTotal} rejected={result.Rejected.Count}"));

    /// <summary>Throws the 400 <c>rejected</c> problem when every element was refused (they are kept, but the client must know).</summary>
    public static void ThrowIfAllRejected(InboundResult result)
    {
        if (result.AllRejected)
        {
            throw new ProblemException(Problem.AllRejected([.. result.Rejected.Select(r => new ProblemError(r.Field, r.Reason) { Line = r.Position })]));
        }
    }

    /// <summary>Reads through <paramref name="read"/>, turning a wholly bad body into a 400 <c>invalid-body</c> problem.</summary>
    public static Func<NodaTime.Instant, IReadOnlyList<InboundItem>> Guard(Func<NodaTime.Instant, IReadOnlyList<InboundItem>> read) => now =>
    {
        try
        {
            return read(now);
        }
        catch (InboundFormatException ex)
        {
            throw new ProblemException(Problem.InvalidBody(ex.Message));
        }
    };
}
