"""Table 1, live: parameters and multiply-adds of the loaded model beside the paper's values."""
