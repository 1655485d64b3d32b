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
}
