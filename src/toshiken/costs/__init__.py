"""Cost sharing (費用負担): rules, allocation, mutual-use settlement and usage files."""
