using ActorSwitch.Switch.Clock;

namespace ActorSwitch.Switch.Tests;

public sealed class ClockTests
{
    [Theory]
    [InlineData("2026-11-26T14:59:59Z", "2026-11-26")] // 22:59:59 in Shanghai: still today
    [InlineData("2026-11-26T15:00:00Z", "2026-11-27")] // 23:00 in Shanghai: the cut-off, next day
    [InlineData("2026-11-26T16:30:00Z", "2026-11-27")] // 00:30 on the 27th local
    [InlineData("2026-12-31T15:00:00Z", "2027-01-01")] // year roll at the cut-off
    public void Settlement_date_follows_the_province_clock_and_cut_off(string instant, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), SettlementCalendar.Default.SettlementDate(DateTimeOffset.Parse(instant)));
    }

    [Fact]
    public void Retrieval_references_are_12_base36_characters_and_unique_even_within_one_millisecond()
    {
        var frozenClock = new RetrievalReferenceGenerator(7, () => 1_800_000_000_000);
        var ids = Enumerable.Range(0, 20_000).Select(_ => frozenClock.Next()).ToList();
        Assert.All(ids, id => Assert.Matches("^[0-9A-Z]{12}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Two_nodes_never_issue_the_same_reference()
    {
        var a = new RetrievalReferenceGenerator(1, () => 1_800_000_000_000);
        var b = new RetrievalReferenceGenerator(2, () => 1_800_000_000_000);
        var ids = new HashSet<string>();
        for (var i = 0; i < 5_000; i++)
        {
            Assert.True(ids.Add(a.Next()));
            Assert.True(ids.Add(b.Next()));
        }
    }

    [Fact]
    public void Concurrent_callers_get_distinct_references()
    {
        var generator = new RetrievalReferenceGenerator(3);
        var bag = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 50_000, _ => bag.Add(generator.Next()));
        Assert.Equal(50_000, bag.Distinct().Count());
    }
}
