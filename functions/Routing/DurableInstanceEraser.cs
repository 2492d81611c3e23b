using Engagement.Engine.Ports;
using Engagement.Engine.Routing;
using Microsoft.DurableTask.Client;

namespace Engagement.Functions.Routing;

/// <summary>
/// The Durable half of an erasure: the customer's orchestration instances hold personal data in their inputs, outputs and
/// history (the triggering events, the profile snapshots), so after the router has erased the stores, every instance of the
/// customer's enrollments is terminated if it still runs and then purged (only a finished instance can be purged; termination
/// is asynchronous, so each is waited for, up to <see cref="TerminationWait"/>). Idempotent: a missing instance is skipped, so
/// a redelivered erasure repeats this harmlessly. An instance still not finished after the wait throws, so the message is
/// redelivered and the purge tried again.
/// </summary>
public sealed class DurableInstanceEraser(DurableTaskClient client)
{
    /// <summary>How long one instance's termination is waited for.</summary>
    public static readonly TimeSpan TerminationWait = TimeSpan.FromSeconds(30);

    /// <summary>Terminates and purges the instances of every enrollment the store knows for <paramref name="customerId"/>; returns how many were purged.</summary>
    public async Task<int> EraseAsync(string customerId, IEnrollmentStore enrollments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(enrollments);
        var purged = 0;
        foreach (var state in await enrollments.ListByCustomerAsync(customerId, cancellationToken))
        {
            var instanceId = InstanceIds.For(state.EnrollmentId);
            if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not { } instance)
            {
                continue;
            }

            if (instance.IsRunning || instance.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended)
            {
                await client.TerminateInstanceAsync(instanceId, "customer erased", cancellationToken);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(TerminationWait);
                await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, wait.Token);
            }

            purged += (await client.PurgeInstanceAsync(instanceId, cancellationToken)).PurgedInstanceCount;
        }

        return purged;
    }
}
