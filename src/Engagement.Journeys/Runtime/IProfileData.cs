using Engagement.Journeys.Values;

namespace Engagement.Journeys.Runtime;

/// <summary>
/// What a deferred <see cref="ProfileSnapshot"/> reads its data from: a host's immutable profile. Both members must be pure
/// functions of it (they may run on whichever thread reads first), and <see cref="Field"/> must be what the top-level field of
/// <see cref="Build"/>'s object will be.
/// </summary>
public interface IProfileData
{
    /// <summary>The object value conditions see as <c>profile.*</c>.</summary>
    Value Build();

    /// <summary>One top-level field of <see cref="Build"/>'s object, without building it.</summary>
    Value Field(string name);
}
