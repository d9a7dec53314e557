using Polly;
using Polly.Retry;

namespace VirtualMeet.SignalR.Redis.Internal;

/// The resilience pipelines of the backplane, built once per manager. StackExchange.Redis 1.x does not time out
/// async commands reliably, so every Redis call is bounded here; callbacks must honour the token they are given.
internal sealed class BackplanePipelines
{
    public BackplanePipelines(RedisBackplaneOptions options, TimeProvider timeProvider)
    {
        // Publishing is never retried: a retry after a timeout could deliver twice, and the contract is at-most-once.
        Publish = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddTimeout(options.PublishTimeout)
            .Build();

        // Renewing subscriptions is idempotent, so it is retried a few times with backoff before the next probe.
        Resubscribe = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Exponential,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
            })
            .AddTimeout(options.PublishTimeout)
            .Build();
    }

    public ResiliencePipeline Publish { get; }

    public ResiliencePipeline Resubscribe { get; }
}
