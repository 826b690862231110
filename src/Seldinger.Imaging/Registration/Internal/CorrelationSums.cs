namespace Seldinger.Imaging.Registration.Internal;

/// <summary>Running sums for a correlation, mergeable across threads in a fixed order.</summary>
internal struct CorrelationSums
{
    public double Count;
    public double SumF;
    public double SumM;
    public double SumFF;
    public double SumMM;
    public double SumFM;

    public void Add(double f, double m)
    {
        Count++;
        SumF += f;
        SumM += m;
        SumFF += f * f;
        SumMM += m * m;
        SumFM += f * m;
    }

    public void Merge(in CorrelationSums other)
    {
        Count += other.Count;
        SumF += other.SumF;
        SumM += other.SumM;
        SumFF += other.SumFF;
        SumMM += other.SumMM;
        SumFM += other.SumFM;
    }

    public readonly double Correlation
    {
        get
        {
            if (Count == 0)
            {
                return 0;
            }

            var varF = SumFF - (SumF * SumF / Count);
            var varM = SumMM - (SumM * SumM / Count);
            var cov = SumFM - (SumF * SumM / Count);
            return varF <= 1e-12 * Math.Max(1, SumFF) || varM <= 1e-12 * Math.Max(1, SumMM) ? 0 : cov / Math.Sqrt(varF * varM);
        }
    }
}
