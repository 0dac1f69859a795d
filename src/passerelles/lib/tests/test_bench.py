from passerelles.lib import bench


def test_disk_reads_are_read_from_the_kernel_counter_in_megabytes(tmp_path, monkeypatch):
    vmstat = tmp_path / "vmstat"
    vmstat.write_text("nr_free_pages 5\npgpgin 2048\npgpgout 7\n")
    monkeypatch.setattr(bench, "VMSTAT", vmstat)
    assert bench.disk_read_mb() == 2.0


def test_disk_reads_are_unknown_without_the_kernel_counter(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "VMSTAT", tmp_path / "missing")
    assert bench.disk_read_mb() is None
    (tmp_path / "missing").write_text("nr_free_pages 5\n")
    assert bench.disk_read_mb() is None
