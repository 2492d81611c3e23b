using Engagement.Engine.Ports;
using Engagement.Engine.Routing;
using Engagement.Engine.Effects;
using Microsoft.DurableTask.Client;
using NodaTime;

namespace Engagement.Functions.Routing;

/// <summary>
/// The Durable half of an erasure: the customer's orchestration instances hold personal data in their inputs, outputs and
/// history (the triggering events, the profile snapshots), so after the router has erased the stores, every instance of the
/// customer's enrollments is purged. The router has already raised an exit request (reason <c>erased</c>) to each running
/// instance, so a running instance is first given <see cref="ExitWait"/> to exit by itself (recording its exit and saving its
/// state scrubbed); one still running then is terminated, waited for up to <see cref="TerminationWait"/>, and its stored state
/// saved as exited by the erasure (<see cref="Erasure.ExitedByErasure"/>), so no enrollment of an erased customer stays
/// waiting in the store. Only a finished instance can be purged. Idempotent: a missing instance is skipped, so a redelivered
/// erasure repeats this harmlessly. An instance still not finished after the waits throws, so the message is redelivered and
/// the purge tried again.
/// </summary>
public sealed class DurableInstanceEraser(DurableTaskClient client)
{
    /// <summary>How long a running instance is given to read its exit request and finish by itself.</summary>
    public static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);

    /// <summary>How long one instance's termination is waited for.</summary>
    public static readonly TimeSpan TerminationWait = TimeSpan.FromSeconds(30);

    /// <summary>Purges the instances of every enrollment the store knows for <paramref name="customerId"/> (terminating those
    /// that do not exit by themselves); returns how many were purged.</summary>
    public async Task<int> EraseAsync(string customerId, IEnrollmentStore enrollments, Instant now, CancellationToken cancellationToken)
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

            if (IsUnfinished(instance) && !await FinishesWithinAsync(instanceId, ExitWait, cancellationToken))
            {
                await client.TerminateInstanceAsync(instanceId, "customer erased", cancellationToken);
                if (!await FinishesWithinAsync(instanceId, TerminationWait, cancellationToken))
                {
                    throw new TimeoutException($"Orchestration instance {instanceId} did not finish within {TerminationWait.TotalSeconds:0} s of its termination; the erasure is retried.");
                }

                if (await enrollments.GetAsync(state.EnrollmentId, cancellationToken) is { } stored && !Erasure.IsErased(stored))
                {
                    await enrollments.SaveAsync(Erasure.ExitedByErasure(stored, now), cancellationToken);
                }
            }

            purged += (await client.PurgeInstanceAsync(instanceId, cancellationToken)).PurgedInstanceCount;
        }

        return purged;
    }

    private static bool IsUnfinished(OrchestrationMetadata instance) =>
        instance.IsRunning || instance.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;

    private async Task<bool> FinishesWithinAsync(string instanceId, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(wait);
        try
        {
            await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, limit.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
