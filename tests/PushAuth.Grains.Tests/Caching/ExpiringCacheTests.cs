using Microsoft.Extensions.Time.Testing;
using PushAuth.Grains.Caching;

namespace PushAuth.Grains.Tests.Caching;

/// <summary>The one per-silo cache: entries live their lifetime (or until forgotten), memory stays bounded.</summary>
public sealed class ExpiringCacheTests
{
    [Fact]
    public void Entry_ExpiresAfterItsLifetime()
    {
        var time = new FakeTimeProvider();
        var cache = new ExpiringCache<bool>(time, TimeSpan.FromSeconds(10), 100);

        cache.Set("a", true);
        var fresh = cache.TryGet("a", out _);
        time.Advance(TimeSpan.FromSeconds(11));

        Assert.True(fresh);
        Assert.False(cache.TryGet("a", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void InfiniteLifetime_KeepsTheEntryUntilForgotten()
    {
        var time = new FakeTimeProvider();
        var cache = new ExpiringCache<string>(time, Timeout.InfiniteTimeSpan, 100);
        cache.Set("a", "key");

        time.Advance(TimeSpan.FromDays(3650));
        var kept = cache.TryGet("a", out var value);
        cache.Forget("a");

        Assert.True(kept);
        Assert.Equal("key", value);
        Assert.False(cache.TryGet("a", out _));
    }

    [Fact]
    public void ManyDistinctKeys_StaysWithinCapacity()
    {
        var cache = new ExpiringCache<bool>(new FakeTimeProvider(), TimeSpan.FromSeconds(10), 100);

        for (var i = 0; i < 1000; i++)
        {
            cache.Set("k" + i, true);
        }

        Assert.InRange(cache.Count, 1, 100);
    }

    [Fact]
    public void Forget_RemovesTheEntry()
    {
        var cache = new ExpiringCache<bool>(new FakeTimeProvider(), TimeSpan.FromSeconds(10), 100);
        cache.Set("a", true);

        cache.Forget("a");

        Assert.False(cache.TryGet("a", out _));
    }

    [Fact]
    public async Task GetOrLoad_LoadsOncePerLifetime_IncludingANullAnswer()
    {
        var time = new FakeTimeProvider();
        var cache = new ExpiringCache<string?>(time, TimeSpan.FromSeconds(5), 100);
        var loads = 0;
        Task<string?> Load(string key, CancellationToken ct) { loads++; return Task.FromResult<string?>(null); }

        await cache.GetOrLoadAsync("t", Load, CancellationToken.None);
        await cache.GetOrLoadAsync("t", Load, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(6));
        await cache.GetOrLoadAsync("t", Load, CancellationToken.None);

        Assert.Equal(2, loads);
    }

    [Fact]
    public void Evicted_SeesEveryValueThatLeaves_ForgottenReplacedExpiredCleared()
    {
        var time = new FakeTimeProvider();
        var evicted = new List<string>();
        var cache = new ExpiringCache<string>(time, TimeSpan.FromSeconds(10), 100, evicted.Add);

        cache.Set("a", "a1");
        cache.Set("a", "a2");
        cache.Set("b", "b1");
        cache.Forget("b");
        cache.Set("c", "c1");
        time.Advance(TimeSpan.FromSeconds(11));
        cache.TryGet("c", out _);
        cache.Set("d", "d1");
        cache.Clear();

        Assert.Equal(["a1", "b1", "c1"], evicted.Take(3));
        Assert.Equal(["a2", "d1"], evicted.Skip(3).Order(StringComparer.Ordinal));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Evicted_AFloodThatStartsTheCacheOver_ReleasesWhatItDrops()
    {
        var evicted = 0;
        var cache = new ExpiringCache<string>(new FakeTimeProvider(), Timeout.InfiniteTimeSpan, 100, _ => evicted++);

        for (var i = 0; i < 1000; i++)
        {
            cache.Set("k" + i, "v" + i);
        }

        Assert.Equal(1000, evicted + cache.Count);
    }
}
