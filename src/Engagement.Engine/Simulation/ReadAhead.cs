using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Engagement.Engine.Simulation;

/// <summary>
/// Enumerates a sequence on a thread of its own ("read ahead"), up to <c>capacity</c> batches ahead of the consumer, and hands
/// the items over in their order. The simulator reads its events file this way, so parsing the next events overlaps with
/// running the current ones. The source must not depend on what the consumer does (the events file's parsing does not). An
/// exception of the source is thrown by <see cref="MoveNext"/> once the items before it are taken; <see cref="Dispose"/> stops
/// the thread. One consumer only.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class ReadAhead<T> : IEnumerator<T>
{
    private readonly BlockingCollection<List<T>> _batches;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private List<T>? _batch;
    private int _index;
    private ExceptionDispatchInfo? _failure;
    private bool _disposed;

    /// <summary>Starts enumerating <paramref name="source"/> on a new background thread.</summary>
    public ReadAhead(IEnumerable<T> source, int batchSize = 256, int capacity = 16)
    {
        _batches = new BlockingCollection<List<T>>(capacity);
        _thread = new Thread(() => Produce(source, batchSize)) { IsBackground = true, Name = "read ahead" };
        _thread.Start();
    }

    /// <inheritdoc/>
    public T Current => _batch is { } batch ? batch[_index] : throw new InvalidOperationException("MoveNext has not returned true");

    object? IEnumerator.Current => Current;

    /// <inheritdoc/>
    public bool MoveNext()
    {
        if (_batch is not null && ++_index < _batch.Count)
        {
            return true;
        }

        if (_batches.TryTake(out var next, Timeout.Infinite))
        {
            (_batch, _index) = (next, 0);
            return true;
        }

        _batch = null;
        _failure?.Throw();
        return false;
    }

    /// <summary>Not supported: the source is read once.</summary>
    public void Reset() => throw new NotSupportedException("a read-ahead sequence is read once");

    /// <summary>Stops the reading thread (at its next hand-over) and waits for it.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
        _batches.Dispose();
    }

    private void Produce(IEnumerable<T> source, int batchSize)
    {
        var batch = new List<T>(batchSize);
        try
        {
            foreach (var item in source)
            {
                batch.Add(item);
                if (batch.Count == batchSize)
                {
                    _batches.Add(batch, _stop.Token);
                    batch = new List<T>(batchSize);
                }
            }

            if (batch.Count > 0)
            {
                _batches.Add(batch, _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed before the end: nobody takes the rest.
        }
        catch (Exception e)
        {
            // Thrown again on the consumer's thread after the items before it (a background thread's exception would end the process).
            _failure = ExceptionDispatchInfo.Capture(e);
            HandOverLast(batch);
        }
        finally
        {
            _batches.CompleteAdding();
        }
    }

    /// <summary>Hands over the items read before a failure, unless the consumer has gone.</summary>
    private void HandOverLast(List<T> batch)
    {
        try
        {
            if (batch.Count > 0)
            {
                _batches.Add(batch, _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed meanwhile: nobody takes them.
        }
    }
}
