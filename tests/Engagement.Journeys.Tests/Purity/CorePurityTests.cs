using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Engagement.Journeys.Values;

namespace Engagement.Journeys.Tests.Purity;

/// <summary>
/// The core must be deterministic. The banned-API analyzer stops such code at build time; this test checks the compiled
/// assembly too, so a suppressed warning or a new banned API that the list forgot cannot slip through.
/// </summary>
public sealed class CorePurityTests
{
    private static readonly string[] BannedTypes =
    [
        "System.Random",
        "System.IO.File",
        "System.IO.Directory",
        "System.IO.FileStream",
        "System.IO.FileInfo",
        "System.Net.Http.HttpClient",
        "System.Diagnostics.Stopwatch",
        "System.Diagnostics.Process",
        "System.Threading.Thread",
        "System.Threading.Tasks.Task",
        "System.TimeProvider",
        "System.Security.Cryptography.RandomNumberGenerator",
        "NodaTime.SystemClock",
    ];

    private static readonly string[] BannedMembers =
    [
        "System.DateTime.get_Now",
        "System.DateTime.get_UtcNow",
        "System.DateTime.get_Today",
        "System.DateTimeOffset.get_Now",
        "System.DateTimeOffset.get_UtcNow",
        "System.Guid.NewGuid",
        // System.Environment: every member that reads the machine. (Environment.CurrentManagedThreadId is allowed: the C#
        // compiler emits it in every iterator's GetEnumerator, and it never changes what the core computes.)
        "System.Environment.GetEnvironmentVariable",
        "System.Environment.GetEnvironmentVariables",
        "System.Environment.get_TickCount",
        "System.Environment.get_TickCount64",
        "System.Environment.get_MachineName",
        "System.Environment.get_ProcessorCount",
        "System.Environment.get_CurrentDirectory",
        "System.Environment.GetCommandLineArgs",
        "System.Environment.Exit",
    ];

    [Fact]
    public void CoreAssembly_ReferencesNoClockRandomnessEnvironmentOrIo()
    {
        var (types, members) = ReadReferences(typeof(Value).Assembly.Location);

        Assert.Contains("NodaTime.Instant", types); // the scan sees real references
        Assert.Empty(types.Intersect(BannedTypes));
        Assert.Empty(members.Intersect(BannedMembers));
        Assert.DoesNotContain(members, m => m.StartsWith("System.Environment.", StringComparison.Ordinal) && m != "System.Environment.get_CurrentManagedThreadId");
    }

    [Fact]
    public void ReferenceScan_FindsBannedMembersWhereTheyAreUsed()
    {
        // This test assembly calls DateTime.UtcNow below, so the same scan must report it here: the check can fail.
        _ = DateTime.UtcNow;
        var (_, members) = ReadReferences(typeof(CorePurityTests).Assembly.Location);

        Assert.Contains("System.DateTime.get_UtcNow", members);
    }

    private static (HashSet<string> Types, HashSet<string> Members) ReadReferences(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in md.TypeReferences)
        {
            types.Add(FullName(md, handle));
        }

        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            if (member.Parent.Kind == HandleKind.TypeReference)
            {
                members.Add(FullName(md, (TypeReferenceHandle)member.Parent) + "." + md.GetString(member.Name));
            }
        }

        return (types, members);
    }

    private static string FullName(MetadataReader md, TypeReferenceHandle handle)
    {
        var type = md.GetTypeReference(handle);
        var ns = md.GetString(type.Namespace);
        return ns.Length == 0 ? md.GetString(type.Name) : ns + "." + md.GetString(type.Name);
    }
}
