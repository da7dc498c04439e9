import Foundation
import Gazetteer
print("placeholder")
