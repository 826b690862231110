using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;
using Seldinger.Planning;

namespace Seldinger.Clinical.Tests.Scheduling;

public class ScheduleRulesTests
{
    private static readonly DateOnly Day = new(2026, 3, 5);
    private static readonly DateTimeOffset Midnight = new(Day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(1));

    private static readonly ProcedureRoom Suite = new()
    {
        Id = Guid.NewGuid(),
        Name = "IR suite",
        Modalities = [GuidanceModality.Fluoroscopy, GuidanceModality.Ultrasound],
        AnaesthesiaCapable = true,
    };

    private static readonly ProcedureRoom UsRoom = new() { Id = Guid.NewGuid(), Name = "US room", Modalities = [GuidanceModality.Ultrasound] };

    [Fact]
    public void Check_RandomBookings_RoomConflictMatchesMinuteGrid()
    {
        var random = new Random(1234);
        var patient = Guid.NewGuid();
        for (var trial = 0; trial < 2000; trial++)
        {
            var others = RandomBookings(random, random.Next(0, 8));
            var proposed = Booking(Suite, random.Next(7 * 60, 18 * 60), random.Next(1, 180), patient);
            var grid = new bool[24 * 60 * 2];
            foreach (var o in others.Where(o => o.RoomId == Suite.Id && o.Status is not (AppointmentStatus.Cancelled or AppointmentStatus.NoShow)))
            {
                for (var m = Minute(o.Start); m < Minute(o.Start) + o.DurationMinutes; m++)
                {
                    grid[m] = true;
                }
            }

            var expected = Enumerable.Range(Minute(proposed.Start), proposed.DurationMinutes).Any(m => grid[m]);
            var conflicts = ScheduleRules.Check(proposed, Suite, Accepted(), others, []);
            Assert.Equal(expected, conflicts.Any(c => c.Code == ScheduleConflict.RoomDoubleBooked));
        }
    }

    [Fact]
    public void FirstFreeSlot_RandomBookings_MatchesMinuteScan()
    {
        var random = new Random(99);
        var patient = Guid.NewGuid();
        for (var trial = 0; trial < 300; trial++)
        {
            var others = RandomBookings(random, random.Next(0, 10), patient);
            var duration = random.Next(10, 240);
            var now = random.Next(3) == 0 ? Midnight.AddMinutes(random.Next(6 * 60, 15 * 60)) : (DateTimeOffset?)null;
            var roomGrid = Grid(others.Where(o => o.RoomId == Suite.Id));
            var childGrid = Grid(others.Where(o => o.PatientId == patient));
            DateTimeOffset? expected = null;
            for (var t = 7 * 60; t < 19 * 60; t++)
            {
                if ((now is null || Midnight.AddMinutes(t) >= now) && Enumerable.Range(t, duration).All(m => !roomGrid[m] && !childGrid[m]))
                {
                    expected = Midnight.AddMinutes(t);
                    break;
                }
            }

            // The scan works in whole minutes; a booking time with seconds is rounded up to compare.
            if (now is { } n && expected is { } e && e < n)
            {
                expected = null;
            }

            var actual = ScheduleRules.FirstFreeSlot(Booking(Suite, 0, duration, patient), Suite, Accepted(), Day, others, [], now);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Check_RandomAnaesthesiaBookings_TeamConflictMatchesMinuteGrid()
    {
        var random = new Random(77);
        for (var trial = 0; trial < 1500; trial++)
        {
            var sessions = Enumerable.Range(0, random.Next(0, 3)).Select(_ =>
            {
                var start = random.Next(7 * 60, 14 * 60);
                return new AnaesthesiaSession { Start = Midnight.AddMinutes(start), End = Midnight.AddMinutes(start + random.Next(60, 8 * 60)), Teams = random.Next(1, 3) };
            }).ToList();
            var others = Enumerable.Range(0, random.Next(0, 6)).Select(_ =>
                Booking(new ProcedureRoom { Id = Guid.NewGuid(), Name = "r" }, random.Next(7 * 60, 17 * 60), random.Next(15, 180), Guid.NewGuid(), anaesthesia: random.Next(4) > 0)).ToList();
            var proposed = Booking(Suite, random.Next(7 * 60, 17 * 60), random.Next(15, 180), Guid.NewGuid(), anaesthesia: true);
            int start = Minute(proposed.Start), end = start + proposed.DurationMinutes;

            var capacity = sessions.Where(x => Minute(x.Start) <= start && end <= Minute(x.End)).Sum(x => x.Teams);
            var busiest = Enumerable.Range(start, end - start)
                .Max(m => others.Count(o => o.WithAnaesthesia && Minute(o.Start) <= m && m < Minute(o.Start) + o.DurationMinutes));
            var conflicts = ScheduleRules.Check(proposed, Suite, Accepted(), others, sessions);

            Assert.Equal(capacity == 0, conflicts.Any(c => c.Code == ScheduleConflict.NoAnaesthesiaSession));
            Assert.Equal(capacity > 0 && busiest >= capacity, conflicts.Any(c => c.Code == ScheduleConflict.AnaesthesiaTeamsExhausted));
        }
    }

    [Fact]
    public void FirstFreeSlot_AnaesthesiaTeamsBusy_WaitsForATeam()
    {
        var otherRoom = new ProcedureRoom { Id = Guid.NewGuid(), Name = "CT", Modalities = [GuidanceModality.Ct], AnaesthesiaCapable = true };
        var busy = Booking(otherRoom, 8 * 60, 120, Guid.NewGuid(), anaesthesia: true);
        var session = new AnaesthesiaSession { Start = Midnight.AddHours(8), End = Midnight.AddHours(17), Teams = 1 };
        var slot = ScheduleRules.FirstFreeSlot(Booking(Suite, 0, 60, Guid.NewGuid(), anaesthesia: true), Suite, Accepted(), Day, [busy], [session]);
        Assert.Equal(Midnight.AddHours(10), slot);
    }

    [Fact]
    public void FirstFreeSlot_RoomLacksGuidance_IsNull()
    {
        var referral = Accepted(GuidanceModality.Ct);
        Assert.Null(ScheduleRules.FirstFreeSlot(Booking(Suite, 0, 30, Guid.NewGuid()), Suite, referral, Day, [], []));
    }

    [Theory]
    [InlineData(9 * 60, 60, 10 * 60, false)]
    [InlineData(9 * 60, 61, 10 * 60, true)]
    [InlineData(11 * 60, 30, 10 * 60, false)]
    [InlineData(10 * 60 + 59, 30, 10 * 60, true)]
    public void Check_NeighbourBooking_OverlapsOnlyWhenTimeIsShared(int otherStart, int otherMinutes, int start, bool conflict)
    {
        var other = Booking(Suite, otherStart, otherMinutes, Guid.NewGuid());
        var conflicts = ScheduleRules.Check(Booking(Suite, start, 60, Guid.NewGuid()), Suite, Accepted(), [other], []);
        Assert.Equal(conflict, conflicts.Any(c => c.Code == ScheduleConflict.RoomDoubleBooked));
    }

    [Theory]
    [InlineData(AppointmentStatus.Booked, true)]
    [InlineData(AppointmentStatus.CheckedIn, true)]
    [InlineData(AppointmentStatus.InProgress, true)]
    [InlineData(AppointmentStatus.Completed, true)]
    [InlineData(AppointmentStatus.Cancelled, false)]
    [InlineData(AppointmentStatus.NoShow, false)]
    public void Check_OverlapByStatus_OnlyLiveBookingsConflict(AppointmentStatus status, bool conflict)
    {
        var child = Guid.NewGuid();
        var other = Booking(Suite, 10 * 60, 60, child);
        other.Status = status;
        var conflicts = ScheduleRules.Check(Booking(Suite, 10 * 60, 60, child), Suite, Accepted(), [other], []);
        Assert.Equal(conflict, conflicts.Any(c => c.Code == ScheduleConflict.RoomDoubleBooked));
        Assert.Equal(conflict, conflicts.Any(c => c.Code == ScheduleConflict.PatientDoubleBooked));
    }

    [Fact]
    public void Check_SameBookingMoved_DoesNotConflictWithItself()
    {
        var existing = Booking(Suite, 10 * 60, 60, Guid.NewGuid());
        var moved = Booking(Suite, 10 * 60 + 30, 60, existing.PatientId);
        moved.Id = existing.Id;
        Assert.Empty(ScheduleRules.Check(moved, Suite, Accepted(), [existing], []));
    }

    [Fact]
    public void Check_ChildBookedInAnotherRoom_IsPatientDoubleBooked()
    {
        var child = Guid.NewGuid();
        var other = Booking(UsRoom, 10 * 60, 60, child);
        var conflicts = ScheduleRules.Check(Booking(Suite, 10 * 60 + 30, 60, child), Suite, Accepted(), [other], []);
        Assert.Equal([ScheduleConflict.PatientDoubleBooked], conflicts.Select(c => c.Code));
    }

    [Theory]
    [InlineData(GuidanceModality.Ultrasound, false)]
    [InlineData(GuidanceModality.Ct, true)]
    [InlineData(GuidanceModality.DirectVision, false)]
    public void Check_RoomModalities_GuidanceMustBeThere(GuidanceModality guidance, bool conflict)
    {
        var conflicts = ScheduleRules.Check(Booking(UsRoom, 10 * 60, 30, Guid.NewGuid()), UsRoom, Accepted(guidance), [], []);
        Assert.Equal(conflict, conflicts.Any(c => c.Code == ScheduleConflict.RoomLacksGuidance));
    }

    [Fact]
    public void Check_AnaesthesiaInRoomWithoutIt_IsRefused()
    {
        var session = new AnaesthesiaSession { Start = Midnight.AddHours(8), End = Midnight.AddHours(17) };
        var conflicts = ScheduleRules.Check(Booking(UsRoom, 10 * 60, 30, Guid.NewGuid(), anaesthesia: true), UsRoom, Accepted(), [], [session]);
        Assert.Equal([ScheduleConflict.RoomNotAnaesthesiaCapable], conflicts.Select(c => c.Code));
    }

    [Theory]
    [InlineData(8 * 60, 17 * 60, false)]
    [InlineData(10 * 60, 11 * 60, false)]
    [InlineData(10 * 60 + 1, 17 * 60, true)]
    [InlineData(8 * 60, 10 * 60 + 59, true)]
    public void Check_AnaesthesiaSession_MustCoverTheWholeSlot(int sessionStart, int sessionEnd, bool conflict)
    {
        var session = new AnaesthesiaSession { Start = Midnight.AddMinutes(sessionStart), End = Midnight.AddMinutes(sessionEnd) };
        var conflicts = ScheduleRules.Check(Booking(Suite, 10 * 60, 60, Guid.NewGuid(), anaesthesia: true), Suite, Accepted(), [], [session]);
        Assert.Equal(conflict, conflicts.Any(c => c.Code == ScheduleConflict.NoAnaesthesiaSession));
    }

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(2, 1, false)]
    [InlineData(2, 2, true)]
    [InlineData(3, 2, false)]
    public void Check_AnaesthesiaTeams_ExhaustedWhenAllBusy(int teams, int busyCases, bool conflict)
    {
        var session = new AnaesthesiaSession { Start = Midnight.AddHours(8), End = Midnight.AddHours(17), Teams = teams };
        var others = Enumerable.Range(0, busyCases).Select(_ => Booking(new ProcedureRoom { Id = Guid.NewGuid(), Name = "x" }, 9 * 60 + 30, 60, Guid.NewGuid(), anaesthesia: true)).ToList();
        var conflicts = ScheduleRules.Check(Booking(Suite, 10 * 60, 60, Guid.NewGuid(), anaesthesia: true), Suite, Accepted(), others, [session]);
        Assert.Equal(conflict, conflicts.Any(c => c.Code == ScheduleConflict.AnaesthesiaTeamsExhausted));
    }

    [Fact]
    public void Check_AnaesthesiaCasesBackToBack_OneTeamSuffices()
    {
        var session = new AnaesthesiaSession { Start = Midnight.AddHours(8), End = Midnight.AddHours(17), Teams = 1 };
        var room = new ProcedureRoom { Id = Guid.NewGuid(), Name = "CT", AnaesthesiaCapable = true };
        var before = Booking(room, 9 * 60, 60, Guid.NewGuid(), anaesthesia: true);
        var after = Booking(room, 11 * 60, 60, Guid.NewGuid(), anaesthesia: true);
        Assert.Empty(ScheduleRules.Check(Booking(Suite, 10 * 60, 60, Guid.NewGuid(), anaesthesia: true), Suite, Accepted(), [before, after], [session]));
    }

    [Fact]
    public void Check_GeneralAnaesthesiaPlannedButNotBooked_IsRefused()
    {
        var referral = Accepted();
        referral.PlannedSedation = SedationLevel.GeneralAnaesthesia;
        var conflicts = ScheduleRules.Check(Booking(Suite, 10 * 60, 60, Guid.NewGuid()), Suite, referral, [], []);
        Assert.Equal([ScheduleConflict.AnaesthesiaNotBooked], conflicts.Select(c => c.Code));
    }

    [Theory]
    [InlineData(ReferralStatus.AwaitingReview, true)]
    [InlineData(ReferralStatus.MoreInformationRequested, true)]
    [InlineData(ReferralStatus.Accepted, false)]
    [InlineData(ReferralStatus.Declined, true)]
    [InlineData(ReferralStatus.Scheduled, false)]
    [InlineData(ReferralStatus.Completed, true)]
    [InlineData(ReferralStatus.Cancelled, true)]
    public void Check_ReferralStatus_OnlyAcceptedOrScheduledIsBookable(ReferralStatus status, bool conflict)
    {
        var referral = Accepted();
        referral.Status = status;
        var conflicts = ScheduleRules.Check(Booking(Suite, 10 * 60, 60, Guid.NewGuid()), Suite, referral, [], []);
        Assert.Equal(conflict, conflicts.Any(c => c.Code == ScheduleConflict.ReferralNotBookable));
    }

    [Theory]
    [InlineData(6 * 60 + 59, true)]
    [InlineData(7 * 60, false)]
    [InlineData(7 * 60 + 1, false)]
    [InlineData(18 * 60 + 59, false)]
    [InlineData(19 * 60, true)]
    [InlineData(19 * 60 + 1, true)]
    public void Check_StartTime_WithinBookableHours(int start, bool conflict)
    {
        var conflicts = ScheduleRules.Check(Booking(Suite, start, 30, Guid.NewGuid()), Suite, Accepted(), [], []);
        Assert.Equal(conflict, conflicts.Any(c => c.Code == ScheduleConflict.OutsideHours));
    }

    [Fact]
    public void Check_ConfiguredHours_AreUsed()
    {
        var options = new ScheduleRulesOptions { DayStart = new TimeOnly(8, 0), DayEnd = new TimeOnly(16, 0) };
        Assert.Contains(ScheduleRules.Check(Booking(Suite, 7 * 60 + 30, 30, Guid.NewGuid()), Suite, Accepted(), [], [], null, options), c => c.Code == ScheduleConflict.OutsideHours);
        Assert.Empty(ScheduleRules.Check(Booking(Suite, 8 * 60, 30, Guid.NewGuid()), Suite, Accepted(), [], [], null, options));
    }

    [Theory]
    [InlineData(5 * 60 + 59, true)]
    [InlineData(6 * 60, false)]
    [InlineData(17 * 60 + 59, false)]
    [InlineData(18 * 60, true)]
    public void Check_SiteOffset_ReadsHoursOnTheSiteClock(int utcMinute, bool conflict)
    {
        var options = new ScheduleRulesOptions { SiteOffset = TimeSpan.FromHours(1) };
        var booking = Booking(Suite, 0, 30, Guid.NewGuid());
        booking.Start = new DateTimeOffset(Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(utcMinute);
        var conflicts = ScheduleRules.Check(booking, Suite, Accepted(), [], [], null, options);
        Assert.Equal(conflict, conflicts.Any(c => c.Code == ScheduleConflict.OutsideHours));
    }

    [Fact]
    public void FirstFreeSlot_SiteOffset_StartsAtSevenOnTheSiteClock()
    {
        var options = new ScheduleRulesOptions { SiteOffset = TimeSpan.FromHours(-5) };
        var utcBooking = Booking(Suite, 0, 30, Guid.NewGuid());
        utcBooking.Start = utcBooking.Start.ToOffset(TimeSpan.Zero);
        var slot = ScheduleRules.FirstFreeSlot(utcBooking, Suite, Accepted(), Day, [], [], null, options);
        Assert.Equal(new DateTimeOffset(Day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), slot);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void Check_BookingTime_StartMayNotBeInThePast(int nowMinusStartMinutes, bool conflict)
    {
        var booking = Booking(Suite, 10 * 60, 30, Guid.NewGuid());
        var conflicts = ScheduleRules.Check(booking, Suite, Accepted(), [], [], booking.Start.AddMinutes(nowMinusStartMinutes));
        Assert.Equal(conflict, conflicts.Any(c => c.Code == ScheduleConflict.StartInPast));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(24 * 60 + 1)]
    public void Check_ImpossibleDuration_NamesDurationMinutes(int minutes)
    {
        var ex = Assert.Throws<ClinicalValidationException>(() => ScheduleRules.Check(Booking(Suite, 600, minutes, Guid.NewGuid()), Suite, Accepted(), [], []));
        Assert.True(ex.Errors.ContainsKey("durationMinutes"));
    }

    [Fact]
    public void Check_InactiveRoom_IsRefused()
    {
        var room = new ProcedureRoom { Id = Guid.NewGuid(), Name = "Old room", Modalities = [GuidanceModality.Ultrasound], Active = false };
        Assert.Equal([ScheduleConflict.RoomInactive], ScheduleRules.Check(Booking(room, 600, 30, Guid.NewGuid()), room, Accepted(), [], []).Select(c => c.Code));
    }

    private static bool[] Grid(IEnumerable<Appointment> bookings)
    {
        var grid = new bool[24 * 60 * 2];
        foreach (var o in bookings.Where(o => o.Status is not (AppointmentStatus.Cancelled or AppointmentStatus.NoShow)))
        {
            for (var m = Minute(o.Start); m < Minute(o.Start) + o.DurationMinutes; m++)
            {
                grid[m] = true;
            }
        }

        return grid;
    }

    private static List<Appointment> RandomBookings(Random random, int count, Guid? child = null)
    {
        var rooms = new[] { Suite, UsRoom };
        var list = new List<Appointment>();
        for (var i = 0; i < count; i++)
        {
            var booking = Booking(rooms[random.Next(2)], random.Next(6 * 60, 19 * 60), random.Next(5, 200), child is { } c && random.Next(3) == 0 ? c : Guid.NewGuid());
            booking.Status = random.Next(6) switch
            {
                0 => AppointmentStatus.Cancelled,
                1 => AppointmentStatus.NoShow,
                2 => AppointmentStatus.Completed,
                _ => AppointmentStatus.Booked,
            };
            list.Add(booking);
        }

        return list;
    }

    private static int Minute(DateTimeOffset t) => (int)(t - Midnight).TotalMinutes;

    private static Appointment Booking(ProcedureRoom room, int startMinute, int minutes, Guid patient, bool anaesthesia = false) => new()
    {
        Id = Guid.NewGuid(),
        RoomId = room.Id,
        PatientId = patient,
        Start = Midnight.AddMinutes(startMinute),
        DurationMinutes = minutes,
        WithAnaesthesia = anaesthesia,
    };

    private static Referral Accepted(GuidanceModality guidance = GuidanceModality.Ultrasound) => new()
    {
        Id = Guid.Empty,
        ReferringClinician = "dr.a",
        Reason = "r",
        Status = ReferralStatus.Accepted,
        ProcedureId = "picc",
        Guidance = guidance,
    };
}
