using Engagement.Engine.Profiles;

namespace Engagement.Engine.Ports;

/// <summary>Customer profiles by id.</summary>
public interface IProfileStore
{
    /// <summary>The profile, or null.</summary>
    ValueTask<CustomerProfile?> GetAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the profile.</summary>
    ValueTask SaveAsync(CustomerProfile profile, CancellationToken cancellationToken);

    /// <summary>Removes the profile and its contact points (erasure). True when one existed.</summary>
    ValueTask<bool> EraseAsync(string customerId, CancellationToken cancellationToken);
}
