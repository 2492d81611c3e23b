using System.Globalization;
using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Routing;

/// <summary>
/// Durable instance ids for enrollments: the enrollment id (<see cref="EnrollmentIds"/>: <c>[a-z0-9-]</c>, at most 100
/// characters, deterministic from journey, version, customer and key) when it is a valid instance id, otherwise a hash of it.
/// Durable forbids <c>/ \ # ?</c> and control characters and allows at most 100 characters. Pure.
/// </summary>
public static class InstanceIds
{
    /// <summary>The most characters an instance id may have.</summary>
    public const int MaxLength = 100;

    /// <summary>The instance id of an enrollment.</summary>
    public static string For(string enrollmentId) => IsValid(enrollmentId)
        ? enrollmentId
        : "enr-" + StableHash.Of(enrollmentId).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>Whether a text is a valid Durable instance id.</summary>
    public static bool IsValid(string id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && !id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
